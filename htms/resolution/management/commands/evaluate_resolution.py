"""``htms evaluate_resolution --input FILE --truth-column COL``: how well resolution does on a
labelled CSV file (pairwise and cluster precision and recall, blocking recall). No database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.resolution.csvio import InputError, read_records, write_clusters
from htms.resolution.metrics import score
from htms.resolution.model import HTMS_SETTINGS
from htms.resolution.pipeline import resolve


class Command(BaseCommand):
    help = (
        "Resolves a labelled CSV file (the columns of htms resolve plus a truth column: rows "
        "of one person share its value) and reports pairwise precision, recall and F1, cluster "
        "precision and recall, and blocking recall."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path)
        parser.add_argument("--truth-column", required=True)
        parser.add_argument("--output", type=Path, help="also write record_id,cluster_id here")

    def handle(self, *args: Any, **options: Any) -> None:
        truth_column = options["truth_column"]
        path = Path(options["input"])
        try:
            read = read_records(path, extra=(truth_column,))
        except InputError as error:
            raise CommandError(str(error)) from None
        for warning in read.warnings(path):
            self.stderr.write(warning)
        records = read.frame
        truth = records[truth_column]
        result = resolve(records.drop(columns=[truth_column]), settings=HTMS_SETTINGS, truth=truth)
        scores = score(
            result.labels.tolist(), truth.tolist(), blocked_true_pairs=result.blocked_true_pairs
        )
        if options["output"]:
            ids = records["record_id"].tolist()
            write_clusters(Path(options["output"]), ids, result.cluster_ids(ids))
        self.stdout.write("| measure | value |\n|---|---|")
        for name, value in scores.as_rows():
            self.stdout.write(f"| {name} | {value} |")
        seconds = sum(result.timings.values())
        self.stdout.write(f"| seconds | {seconds:.1f} |")
