import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from htms.audit.checkpoints import audit_checkpoint_create, checkpoint_line
from htms.audit.models import AuditCheckpoint


class Command(BaseCommand):
    help = (
        "Signs the audit chain's head as it is now and writes it as one JSON line, appended to "
        "--output (or to stdout). Keep the file outside the database, on write-once storage; "
        "`htms verify --checkpoints FILE` then finds a chain rewritten since. --all writes "
        "every checkpoint made so far instead of a new one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=None, help="file to append to")
        parser.add_argument("--all", action="store_true", help="export every checkpoint")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            checkpoints = list(AuditCheckpoint.objects.order_by("seq", "pk"))
        else:
            checkpoints = [audit_checkpoint_create()]
        lines = "".join(checkpoint_line(c) + "\n" for c in checkpoints)
        if options["output"] is None:
            self.stdout.write(lines, ending="")
            return
        with options["output"].open("a", encoding="utf-8") as handle:
            handle.write(lines)
        summary = f"{len(checkpoints)} checkpoint(s) appended to {options['output']}"
        sys.stderr.write(summary + "\n")
