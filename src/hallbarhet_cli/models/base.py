"""The shared configuration of every model."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Frozen, strict about unknown keys, and populated by the keys users write."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
        defer_build=True,
    )
