"""hallbarhet: sustainability-proofing of applications for regional development funding.

The package is a library with a thin command line on top. Data flows one way::

    files (YAML with positions) -> models (pydantic) -> criteria (resolved sets)
          -> scoring (pure engine) -> Assessment -> reporters (views, then terminal, JSON, ...)

Each subpackage is one room of the house; imports only run down this line, never back up
(``tests/unit/test_architecture.py`` checks it).
"""

__version__ = "0.1.0"
