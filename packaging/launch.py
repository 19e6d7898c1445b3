"""The frozen app's entry point (PyInstaller): the same as the `reflectjournal` command."""

from reflectjournal.__main__ import main

main()
