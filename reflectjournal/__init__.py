"""ReflectJournal: an offline, encrypted reflective-practice journal."""

__version__ = "0.1.0"
