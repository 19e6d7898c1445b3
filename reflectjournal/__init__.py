"""ReflectJournal: an offline, encrypted reflective-practice journal."""

__version__ = "0.1.0"

APP_NAME = "ReflectJournal"
"""The name of the app's folders (data, settings, logs) on every platform."""
