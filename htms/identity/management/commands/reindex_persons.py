"""``htms reindex_persons [--fresh] [--batch N]``: rebuild the person search index."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.identity.services import REINDEX_BATCH, ReindexCounts, persons_reindex


class Command(BaseCommand):
    help = (
        "Rebuilds the search keys of every person, in batches of ids. Persons written by the "
        "services are indexed as they are written; bulk-loaded synthetic persons are not "
        "searchable until this runs. --fresh empties the index first (faster after a bulk load)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fresh", action="store_true", help="empty the index first")
        parser.add_argument("--batch", type=int, default=REINDEX_BATCH, help="persons per batch")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        counts = persons_reindex(
            batch_size=options["batch"], fresh=options["fresh"], progress=self._progress
        )
        self.stdout.write(
            f"Indexed {counts.persons} persons with {counts.keys} keys in {counts.seconds:.1f} s."
        )

    def _progress(self, counts: ReindexCounts) -> None:
        if counts.persons and counts.persons % 100_000 < REINDEX_BATCH:
            rate = counts.persons / max(counts.seconds, 0.001)
            self.stdout.write(f"  {counts.persons} persons, {rate:.0f}/s", ending="\n")
