"""``htms gazette --month YYYY-MM --lang en|ur --output FILE.pdf --user NAME``"""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.accounts.models import User
from htms.intelligence.gazette.months import month_parse
from htms.intelligence.gazette.printing import GAZETTE_LANGUAGES, gazette_pdf


class Command(BaseCommand):
    help = "Prints the month's Human Trafficking Intelligence Gazette as PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--lang", choices=GAZETTE_LANGUAGES, default="en")
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument("--user", required=True, help="an analyst or the monitoring cell")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        try:
            month = month_parse(options["month"])
            pdf = gazette_pdf(user=user, month=month, language=options["lang"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        options["output"].write_bytes(pdf)
        self.stdout.write(f"{options['output']}: {len(pdf)} bytes")
