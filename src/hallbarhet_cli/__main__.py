"""Console entry point.

``hallbarhet --version`` is answered before the command-line framework is imported, so
that the quickest command stays as quick as Python itself allows.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the ``hallbarhet`` command."""
    if sys.argv[1:] == ["--version"]:
        from hallbarhet_cli import __version__

        sys.stdout.write(f"hallbarhet {__version__}\n")
        return
    from hallbarhet_cli.cli.app import run

    run()


if __name__ == "__main__":
    main()
