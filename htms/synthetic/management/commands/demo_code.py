"""``htms demo_code USERNAME``: the current second-factor code of a demo user."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.accounts.mfa import totp_code
from htms.synthetic.second_factor import demo_device


class Command(BaseCommand):
    help = (
        "Prints the code a demo user's authenticator app would show now. Works only for "
        "accounts set up by seed_demo or seed_intake_demo with their public demo key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        device = demo_device(options["username"])
        if device is None:
            raise CommandError(
                f"{options['username']!r} is not a demo user with the public demo key."
            )
        self.stdout.write(totp_code(device))
