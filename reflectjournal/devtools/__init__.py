"""Checks run in CI; not imported by the app."""
