"""``htms noisy_register --records N --seed S --output FILE``: a labelled CSV for
``htms evaluate_resolution`` (truth column ``true_id``). Synthetic; no database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from htms.resolution.noise import noisy_register


class Command(BaseCommand):
    help = "Writes a synthetic register with realistic noise and its ground truth (true_id)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--records", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        frame = noisy_register(records=options["records"], seed=options["seed"])
        frame.to_csv(Path(options["output"]), index=False, encoding="utf-8")
        self.stdout.write(f"{len(frame)} records of {frame['true_id'].nunique()} persons")
