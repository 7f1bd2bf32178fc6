"""Console entry point.

``hallbarhet --version`` is answered before the command-line framework is imported, so
that the quickest command stays as quick as Python itself allows.
"""

from __future__ import annotations

import atexit
import gc
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
    # What start-up makes (modules, classes, validators) lives until the process ends, so
    # the cyclic collector finds next to nothing to free while it runs: on an ``assess``,
    # 128 collections took 55 ms and freed about 800 small objects, the one full
    # collection among them (31 ms) none. It is off while the command starts. A
    # brief command keeps it off and, at exit, freezes what it made, so that the
    # collection at interpreter shutdown does not walk every object once more either. A
    # round turns it back on, with start-up's objects frozen out of its way.
    gc.disable()
    from hallbarhet_cli.cli.app import brief, run

    if brief(sys.argv[1:]):
        atexit.register(gc.freeze)
    else:
        gc.freeze()
        gc.enable()
    run()


if __name__ == "__main__":
    main()
