"""Plain-Python domain model: no storage, no Qt."""
