"""``htms create_user USERNAME --unit CODE --role ROLE``: adds a user and asks for a password."""

import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.accounts.models import Role
from htms.accounts.services import user_create


class Command(BaseCommand):
    help = "Creates a user in a unit with a role. Roles: " + ", ".join(Role.values)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--unit", required=True, help="unit code, e.g. AHTC-LHR")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--name", default="", help="full name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = user_create(
                actor=None,
                username=options["username"],
                password=getpass.getpass("Password: "),
                unit_code=options["unit"],
                role=options["role"],
                first_name=options["name"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}, {user.unit}).")
