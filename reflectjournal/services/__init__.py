"""Use cases: the one API the desktop app and the command line both call. No Qt."""
