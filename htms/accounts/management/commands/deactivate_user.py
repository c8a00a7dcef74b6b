"""``htms deactivate_user USERNAME``: ends an account; its API tokens stop at once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.accounts.credentials import user_deactivate
from htms.accounts.models import User


class Command(BaseCommand):
    help = "Deactivates a user: no login, no API token. Their records stay."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        user_deactivate(actor=None, user=user)
        self.stdout.write(f"{user.username} is deactivated.")
