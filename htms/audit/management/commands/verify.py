from typing import Any

from django.core.management.base import BaseCommand, CommandError

from htms.audit.models import AuditEvent
from htms.audit.services import audit_verify


class Command(BaseCommand):
    help = "Checks the audit log's hash chain; fails if any row was changed or deleted."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = audit_verify()
        for problem in problems:
            self.stderr.write(f"row {problem.seq}: {problem.message}")
        if problems:
            raise CommandError(f"The audit log has {len(problems)} problem(s).")
        self.stdout.write(f"The audit log is intact: {AuditEvent.objects.count()} rows verified.")
