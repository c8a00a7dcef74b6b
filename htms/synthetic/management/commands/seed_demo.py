"""``htms seed_demo [--cases N] [--seed S]``: demo users and synthetic cases, once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from htms.accounts.models import Role
from htms.synthetic.demo import DEMO_USERS, demo_seed, demo_seeded, missing_units
from htms.synthetic.second_factor import SECOND_FACTOR_NOTE, demo_totp_secret

BANNER = (
    "*** SYNTHETIC DEMO DATA: every case and person here is invented and marked is_synthetic. ***\n"
    "*** Demo passwords are public: never run seed_demo on a server holding real data.      ***"
)


class Command(BaseCommand):
    help = (
        "Creates one demo user per role and about 150 synthetic cases (some with interim "
        "challans overdue, hearings this week and challans awaiting approval). Run again, it "
        "only prints the logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=150, help="synthetic cases to create")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(BANNER)
        if demo_seeded():
            self.stdout.write("The demo users exist already; nothing was created.")
            self._logins()
            return
        missing = missing_units()
        if missing:
            raise CommandError(
                f"Units {', '.join(missing)} are missing: load the reference data first "
                "(htms load_reference)."
            )
        counts, marks = demo_seed(
            cases=options["cases"], seed=options["seed"], today=timezone.localdate()
        )
        self.stdout.write(
            f"Created {counts.cases} synthetic cases, {counts.persons} persons, "
            f"{counts.hearings} hearings, {counts.judgments} judgments."
        )
        self.stdout.write(
            f"At the Lahore circle: {marks.overdue_challans} interim challans overdue, "
            f"{marks.hearings_this_week} hearings this week, {marks.pending_approvals} "
            "stage changes awaiting the in-charge."
        )
        self._logins()

    def _logins(self) -> None:
        self.stdout.write(f"\n{'username':<17} {'role':<30} {'unit':<12} password")
        for user in DEMO_USERS:
            self.stdout.write(
                f"{user.username:<17} {str(Role(user.role).label):<30} {user.unit_code:<12} "
                f"{user.password}"
            )
        self.stdout.write("\n" + SECOND_FACTOR_NOTE)
        for user in DEMO_USERS:
            self.stdout.write(f"{user.username:<17} {demo_totp_secret(user.username)}")
        self.stdout.write("")
        self.stdout.write(BANNER)
