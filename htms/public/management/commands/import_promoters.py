"""htms import_promoters FILE --user NAME: replaces the licensed promoters' list, all or nothing."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from htms.accounts.models import User
from htms.public.services.promoters import PromoterImportError, promoters_import


class Command(BaseCommand):
    help = "Imports the licensed promoters' list (CSV or XLSX), replacing the current one."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="the administrator importing the list")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']}.")
        path: Path = options["file"]
        try:
            with path.open("rb") as stream:
                result = promoters_import(actor=user, stream=stream, filename=path.name)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except PromoterImportError as error:
            raise CommandError("Nothing was imported:\n" + "\n".join(error.problems)) from None
        self.stdout.write(
            f"Imported: {result.added} added, {result.changed} updated, {result.removed} removed."
        )
