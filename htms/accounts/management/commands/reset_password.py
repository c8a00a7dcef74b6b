"""``htms reset_password USERNAME [--second-factor]``: an administrator's reset.

Asks for a temporary password; the user must choose a new one at their next login. Their API
tokens stop. ``--second-factor`` also removes their authenticator and recovery codes (a lost
phone): they set up a new one after the password.
"""

import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.accounts.credentials import password_reset_by_admin
from htms.accounts.models import User


class Command(BaseCommand):
    help = "Sets a temporary password that the user must change at their next login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--second-factor",
            action="store_true",
            help="also remove the user's authenticator and recovery codes (lost phone)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        password = getpass.getpass("Temporary password: ")
        try:
            password_reset_by_admin(
                actor=None, user=user, password=password, second_factor=options["second_factor"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"{user.username} must choose a new password at their next login.")
