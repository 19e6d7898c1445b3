"""Readers for other journaling apps' files, each into the same plain intermediate.

Every parser here is pure: it takes bytes (or the bytes of a folder's notes, read by
services/foreign_sources.py) and returns a `ForeignJournal`, or raises ImportFormatError
naming the problem. Nothing here knows the database.
"""
