from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.operations.backup import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Writes a consistent copy of the database while the site runs: the SQLite backup API "
        "for SQLite, pg_dump (custom format) for PostgreSQL. See docs/operations.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="File to write; must not exist yet.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            vendor = database_backup(path=options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup of the {vendor} database written to {options['path']}.")
