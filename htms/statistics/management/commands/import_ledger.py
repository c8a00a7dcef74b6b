"""``htms import_ledger FILE --user NAME [--synthetic]``: historical cases from a ledger
transcription."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.statistics.ledger.importer import FileProblem, LedgerResult, ledger_import
from htms.statistics.management.arguments import acting_user


class Command(BaseCommand):
    help = (
        "Imports historical cases from a ledger transcription (CSV or XLSX, one row per case) "
        "as the ATU monitoring cell: each good row becomes its case, a case already in HTMS "
        "is skipped, and a row with a problem waits for correction on the ledger pages; the "
        "columns are recognised by their headings or the mapping saved by the last import. "
        "Audited. Exits with an error if columns are missing (nothing stored) or rows wait."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--user", required=True, help="the acting user's username")
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help="mark the cases as synthetic (an invented ledger, such as the sample)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file {str(path)!r}.")
        try:
            with path.open("rb") as stream:
                result = ledger_import(
                    actor=user,
                    stream=stream,
                    name=path.name,
                    is_synthetic=options["synthetic"],
                )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except FileProblem as exc:
            raise CommandError(str(exc.message)) from exc
        if result.mapping_problems:
            lines = ["Nothing was imported."]
            lines += [f"Column: {message}" for message in result.mapping_problems.values()]
            raise CommandError("\n".join(lines))
        self.stdout.write(_outcome(result))
        if result.problems:
            raise CommandError(_waiting(result))


def _outcome(result: LedgerResult) -> str:
    assert result.batch is not None
    return (
        f"Ledger batch {result.batch.pk}: imported {len(result.created)} historical cases; "
        f"skipped {len(result.already)} rows whose cases are already in HTMS; "
        f"{len(result.problems)} rows wait for correction."
    )


def _waiting(result: LedgerResult) -> str:
    assert result.batch is not None
    lines = [
        f"{len(result.problems)} rows wait for correction at "
        f"/statistics/ledger/batches/{result.batch.pk}/:"
    ]
    for number, messages in sorted(result.problems.items()):
        lines += [f"Row {number}: {message}" for message in messages]
    return "\n".join(lines)
