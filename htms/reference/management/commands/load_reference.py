from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.reference.loader import ReferenceDataError, reference_load


class Command(BaseCommand):
    help = (
        "Creates and updates places, units, courts, statutes and vocabularies from the "
        "reference data files, all or nothing. Never deletes a row."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Directory of the CSV files (default: the versioned htms/reference/data).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = reference_load(data_dir=options["data_dir"])
        except ReferenceDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for filename, count in counts.items():
            self.stdout.write(
                f"{filename}: {count.created} created, {count.updated} updated, "
                f"{count.unchanged} unchanged"
            )
