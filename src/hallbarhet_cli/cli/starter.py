"""``hallbarhet new --from-export``: a starter column mapping for an export."""

from __future__ import annotations

from pathlib import Path

import typer

from hallbarhet_cli.cli.common import fail
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import Message
from hallbarhet_cli.i18n import N_, gettext


def write_starter(
    export: Path, criteria: ResolvedSet, criteria_ref: str, output: str, lang: str
) -> None:
    """Read the head of ``export``, write its starter mapping to ``output`` (``-``:
    standard output) and say on standard error what was found and what is left."""
    from hallbarhet_cli.batch.exporthead import ExportUnreadable, read_head
    from hallbarhet_cli.batch.formats import kind_of_path
    from hallbarhet_cli.batch.headermatch import KNOWN_HEADERS
    from hallbarhet_cli.batch.items import InputKind
    from hallbarhet_cli.batch.starter import starter_mapping
    from hallbarhet_cli.files.output import write_atomic
    from hallbarhet_cli.files.printable import printable

    display = str(export)
    kind = kind_of_path(export)
    if not export.is_file():
        raise fail(Message(N_("No such file: {file}."), {"file": display}), lang)
    if kind not in (InputKind.CSV, InputKind.XLSX):
        raise fail(
            Message(
                N_("{file} is not a CSV or XLSX export (.csv, .tsv, .xlsx or .xlsm)."),
                {"file": display},
            ),
            lang,
        )
    try:
        head = read_head(export, kind)
    except ExportUnreadable as err:
        raise fail(
            Message(
                N_("The export {file} cannot be read: {reason}."),
                {"file": display, "reason": str(err)},
            ),
            lang,
        ) from None
    starter = starter_mapping(head, criteria, criteria_ref, export.name, lang)
    write_atomic(output, starter.text)
    where = output if output != "-" else gettext(N_("standard output"), lang)
    lines = [
        gettext(
            N_(
                "The starter mapping was written to {file}: {fields} of {all_fields} fields and "
                "{answers} of {questions} answers found by their headers."
            ),
            lang,
        ).format(
            file=where,
            fields=len(starter.fields_found),
            all_fields=len(KNOWN_HEADERS),
            answers=starter.answers_found,
            questions=starter.questions,
        )
    ]
    if starter.to_fill_in:
        names = ", ".join(".".join(path) for path in starter.to_fill_in)
        lines.append(
            gettext(N_("Still to fill in before it can be used: {fields}."), lang).format(
                fields=names
            )
        )
    if output != "-":
        lines.append(
            gettext(N_("Check it with: {command}"), lang).format(
                command=f"hallbarhet validate {output}"
            )
        )
    for line in lines:
        typer.echo(printable(line), err=True)
