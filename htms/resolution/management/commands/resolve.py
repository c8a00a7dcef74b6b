"""``htms resolve --input FILE --output FILE``: resolution of a CSV file, file in, file out.

Touches no database: it runs the same pipeline as the register's batch run on the rows of the
file and writes ``record_id,cluster_id`` for every row.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.resolution.csvio import InputError, read_records, write_clusters, write_pairs
from htms.resolution.features import INPUT_COLUMNS
from htms.resolution.model import HTMS_SETTINGS
from htms.resolution.pipeline import resolve


class Command(BaseCommand):
    help = (
        "Finds the records of one person in a UTF-8 CSV file with the columns "
        + ", ".join(INPUT_COLUMNS)
        + " (values may be empty; other columns are ignored) and writes record_id,cluster_id."
    )
    # Pure file in, file out: no system checks, which would load URLs and touch settings.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help="CSV file to resolve")
        parser.add_argument("--output", required=True, type=Path, help="CSV file to write")
        parser.add_argument("--pairs", type=Path, help="also write the scored pairs here")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="refuse a file with a row of more or fewer fields than the header",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["input"])
        try:
            read = read_records(path, strict=options["strict"])
        except InputError as error:
            raise CommandError(str(error)) from None
        for warning in read.warnings(path):
            self.stderr.write(warning)
        records = read.frame
        ids = records["record_id"].tolist()
        if not ids:
            write_clusters(Path(options["output"]), [], [])
            self.stdout.write("0 records, 0 clusters")
            return
        result = resolve(records, settings=HTMS_SETTINGS)
        for note in result.notes:
            self.stdout.write(note)
        clusters = result.cluster_ids(ids)
        write_clusters(Path(options["output"]), ids, clusters)
        if options["pairs"]:
            write_pairs(Path(options["pairs"]), ids, result.pairs)
        self.stdout.write(
            f"{len(ids)} records, {len(set(clusters))} clusters, "
            f"{int((result.pairs['decision'] == 'link').sum())} pairs linked, "
            f"{int((result.pairs['decision'] == 'review').sum())} for review, "
            f"{sum(result.timings.values()):.1f} s"
        )
