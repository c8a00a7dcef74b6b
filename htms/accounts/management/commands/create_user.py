"""``htms create_user USERNAME --unit CODE --role ROLE``: adds a user and asks for a password."""

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from htms.accounts.models import Role, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.reference.models import Unit


class Command(BaseCommand):
    help = "Creates a user in a unit with a role. Roles: " + ", ".join(Role.values)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--unit", required=True, help="unit code, e.g. AHTC-LHR")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--name", default="", help="full name")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit']!r}.")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"User {options['username']!r} exists already.")
        password = getpass.getpass("Password: ")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        with transaction.atomic():
            user = User.objects.create_user(
                username=options["username"],
                password=password,
                unit=unit,
                role=options["role"],
                first_name=options["name"],
                is_staff=options["role"] == Role.ADMINISTRATOR,
            )
            audit_record(
                actor=None,
                action=AuditAction.CREATE,
                object_type=AuditObject.USER,
                object_id=user.pk,
                changes={"unit": unit.code, "role": user.role},
            )
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}, {unit}).")
