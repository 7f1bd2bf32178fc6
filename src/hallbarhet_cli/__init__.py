"""hallbarhet: sustainability-proofing of applications for regional development funding.

The package is a library with a thin command line on top. Data flows one way::

    files -> yamlload (positions + plain data) -> models (pydantic) -> engine (pure scoring)
          -> Assessment (plain result objects) -> reporters (terminal, JSON, ...)
"""

__version__ = "0.1.0"
