"""Follow-up of a territory (the county, its visitor economy) in three dimensions.

An indicator set (``kind: indicator-set``) names what is measured, where the figures come
from, which way is better and what the targets are; indicator data is a tidy CSV with one
value per row. ``hallbarhet indicators report`` judges each indicator's trend against its
direction and each target against the trend, dimension by dimension.
"""
