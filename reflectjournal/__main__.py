"""`python -m reflectjournal` and the `reflectjournal` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line (or the app when no command is given) and exit."""
    from reflectjournal.cli.main import run

    sys.exit(run())


if __name__ == "__main__":
    main()
