"""Application files: each YAML file (or any file of no other format) is one application,
read and validated by the worker."""

from __future__ import annotations

from collections.abc import Iterator

from hallbarhet_cli.batch.items import FileItem, InputFile, InputKind, Item, Prepared
from hallbarhet_cli.batch.mapping import LoadedMapping


class ApplicationFiles:
    kind = InputKind.APPLICATION
    suffixes: tuple[str, ...] = (".yaml", ".yml")
    needs_mapping = False

    def prepare(self, entry: InputFile, mapping: LoadedMapping | None) -> Prepared:
        return Prepared(1)

    def items(
        self, entry: InputFile, prepared: Prepared, mapping: LoadedMapping | None, start: int
    ) -> Iterator[Item]:
        yield FileItem(start, str(entry.path), entry.display, entry.named)
