"""``htms seed_intake_demo [--rows N] [--seed S]``: border intake demo data, once."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from htms.accounts.models import Role
from htms.intake.demo import DEMO_POST_USERS, intake_demo_seed, intake_demo_seeded
from htms.reference.models import Unit
from htms.synthetic.second_factor import SECOND_FACTOR_NOTE, demo_totp_secret

BANNER = (
    "*** SYNTHETIC DEMO DATA: every list and person here is invented and marked is_synthetic. ***"
)


class Command(BaseCommand):
    help = (
        "Creates demo immigration officers at Karachi airport and Taftan, imports a deportation "
        "list from Iran at Taftan and one from Oman at Karachi (one person is on both), screens "
        "a few people and opens a case from an interview. Run again, it only prints the logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=150, help="rows of the Oman list")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(BANNER)
        if intake_demo_seeded():
            self.stdout.write("The intake demo users exist already; nothing was created.")
            self._logins()
            return
        codes = {u.unit_code for u in DEMO_POST_USERS}
        if Unit.objects.filter(code__in=codes).count() != len(codes):
            raise CommandError("Load the reference data first (htms load_reference).")
        result = intake_demo_seed(
            rows=options["rows"],
            seed=options["seed"],
            today=timezone.localdate(),
            var_dir=getattr(settings, "VAR_DIR", None),
        )
        self.stdout.write(
            f"Imported {result.manifests} lists ({result.events} border events); case "
            f"{result.case_reference} was opened from an interview at Karachi airport."
        )
        if result.sample_file:
            self.stdout.write(f"A 500-row list to upload yourself: {result.sample_file}")
        self._logins()

    def _logins(self) -> None:
        self.stdout.write(f"\n{'username':<18} {'role':<26} {'unit':<12} password")
        for u in DEMO_POST_USERS:
            self.stdout.write(
                f"{u.username:<18} {Role(u.role).label!s:<26} {u.unit_code:<12} {u.password}"
            )
        self.stdout.write("\n" + SECOND_FACTOR_NOTE)
        for u in DEMO_POST_USERS:
            self.stdout.write(f"{u.username:<18} {demo_totp_secret(u.username)}")
        self.stdout.write(BANNER)
