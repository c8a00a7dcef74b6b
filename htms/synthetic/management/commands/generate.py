"""``htms generate --cases N --seed S [--persons M] [--bulk] [--unit CODE]``."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from htms.synthetic.bulk import BulkCounts
from htms.synthetic.generator import generate, iter_batches
from htms.synthetic.load import (
    catalogue_from_db,
    synthetic_actors,
    synthetic_bulk_load,
    synthetic_load,
)
from htms.synthetic.records import Catalogue

BANNER = "SYNTHETIC DATA: every record written is marked is_synthetic and describes no real person."


class Command(BaseCommand):
    help = (
        "Generates deterministic synthetic cases and persons, spread over the anti-human "
        "trafficking circles and assigned to an IO of each (a synthetic one where a circle has "
        "none). Without --bulk every case goes through the services; --bulk writes batches of "
        "5,000 directly, with one audit event per batch, for benchmark volumes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True, help="number of cases")
        parser.add_argument("--seed", type=int, required=True, help="random seed")
        parser.add_argument(
            "--persons", type=int, default=0, help="extra register entries in no case"
        )
        parser.add_argument("--bulk", action="store_true", help="bulk insert, for benchmarks")
        parser.add_argument("--unit", default="", help="put every case in this unit (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cases"] < 0 or options["persons"] < 0:
            raise CommandError("--cases and --persons cannot be negative.")
        catalogue = self._catalogue(options["unit"])
        self.stdout.write(BANNER)
        started = time.perf_counter()
        if options["bulk"]:
            self._bulk(catalogue, options)
        else:
            self._through_services(catalogue, options)
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")

    def _catalogue(self, unit: str) -> Catalogue:
        catalogue = catalogue_from_db(unit_codes=[unit] if unit else None)
        if not catalogue.units:
            raise CommandError(
                f"No unit with code {unit!r}."
                if unit
                else "No circle (AHTC unit) to put cases "
                "in: load the reference data first (htms load_reference)."
            )
        if not catalogue.statutes.get("TIP") or not catalogue.statutes.get("SOM"):
            raise CommandError("The statute catalogue has no TIP or no SOM section in force.")
        return catalogue

    def _through_services(self, catalogue: Catalogue, options: dict[str, Any]) -> None:
        data = generate(
            cases=options["cases"],
            seed=options["seed"],
            today=timezone.localdate(),
            catalogue=catalogue,
            extra_persons=options["persons"],
        )
        actors = synthetic_actors([u.code for u in catalogue.units])
        counts = synthetic_load(data=data, actors_by_unit=actors)
        self.stdout.write(
            f"Registered {counts.cases} cases with {counts.parties} parties; {counts.persons} "
            f"persons; {counts.hearings} hearings; {counts.judgments} judgments; "
            f"{counts.pending} stage changes awaiting approval."
        )
        for stage, count in sorted(counts.by_stage.items()):
            self.stdout.write(f"  {stage:<16} {count:>7}")

    def _bulk(self, catalogue: Catalogue, options: dict[str, Any]) -> None:
        actors = synthetic_actors([u.code for u in catalogue.units])
        batches = iter_batches(
            cases=options["cases"],
            seed=options["seed"],
            today=timezone.localdate(),
            catalogue=catalogue,
            extra_persons=options["persons"],
        )
        counts = synthetic_bulk_load(
            batches=batches,
            officers={code: a.io for code, a in actors.items()},
            label=f"seed {options['seed']}",
            progress=self._progress,
        )
        self.stdout.write(
            f"Wrote {counts.cases} cases, {counts.persons} persons, {counts.parties} parties, "
            f"{counts.offences} offences, {counts.route_events} route events, "
            f"{counts.hearings} hearings, {counts.verdicts} verdicts in {counts.batches} batches."
        )

    def _progress(self, counts: BulkCounts) -> None:
        self.stdout.write(
            f"  batch {counts.batches}: {counts.cases} cases, {counts.persons} persons "
            f"({counts.seconds:.1f} s writing)"
        )
