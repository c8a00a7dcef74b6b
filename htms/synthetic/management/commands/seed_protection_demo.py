"""``htms seed_protection_demo``: the service directory, caseworkers and referrals, once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from htms.synthetic.demo import demo_seeded
from htms.synthetic.protection_demo import (
    ORGANISATIONS,
    protection_demo_seed,
    protection_demo_seeded,
)


class Command(BaseCommand):
    help = (
        "Adds the service directory (real organisations with demo contacts), one demo "
        "caseworker per shelter and synthetic referrals. Run after seed_demo and "
        "seed_intake_demo; run again, it does nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if protection_demo_seeded():
            self.stdout.write("The service directory exists already; nothing was created.")
            return
        if not demo_seeded():
            raise CommandError("Run seed_demo first: the referrals come from its cases.")
        made = protection_demo_seed()
        self.stdout.write(
            f"Created {len(ORGANISATIONS)} organisations and {made} synthetic referrals; "
            "caseworker logins: demo-caseworker, "
            + ", ".join(o.caseworker for o in ORGANISATIONS if o.caseworker)
            + " (password as the other demo users)."
        )
