"""Console entry point.

``hallbarhet --version`` is answered before the command-line framework is imported, so
that the quickest command stays as quick as Python itself allows.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run the ``hallbarhet`` command."""
    if sys.argv[1:] == ["--version"]:
        from hallbarhet_cli import __version__

        sys.stdout.write(f"hallbarhet {__version__}\n")
        return
    # pydantic looks for plugins in the entry points of every installed distribution when
    # it builds its first validator, a scan that grows with the environment (about 20
    # million instructions here, 1.3 % of ``assess``). The command uses no pydantic plugin,
    # so it turns the scan off with the variable pydantic documents for that
    # (docs.pydantic.dev, "Pydantic Plugins": PYDANTIC_DISABLE_PLUGINS). Only the command
    # does: a program importing hallbarhet_cli keeps its plugins, and a user who sets the
    # variable, even empty, keeps their own choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from hallbarhet_cli.cli.app import run

    run()


if __name__ == "__main__":
    main()
