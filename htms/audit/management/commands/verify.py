from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.audit.models import AuditEvent
from htms.audit.verify import audit_verify


class Command(BaseCommand):
    help = (
        "Checks the audit log's keyed hash chain, the cases and persons against their seals "
        "and, with --checkpoints, the chain against checkpoints exported earlier; fails if any "
        "row or record was changed, added or deleted outside the services."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints", type=Path, default=None, help="a file of `htms audit_checkpoint`"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["checkpoints"]
        if path is not None and not path.is_file():
            raise CommandError(f"There is no checkpoint file at {path}.")
        lines = path.read_text(encoding="utf-8").splitlines() if path else None
        problems = audit_verify(checkpoint_lines=lines)
        for problem in problems:
            where = f"row {problem.seq}" if problem.seq is not None else "records"
            self.stderr.write(f"{where}: {problem.message}")
        if problems:
            raise CommandError(f"The audit log has {len(problems)} problem(s).")
        self.stdout.write(f"The audit log is intact: {AuditEvent.objects.count()} rows verified.")
