from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from htms.audit.sealing import audit_seal_unsealed


class Command(BaseCommand):
    help = (
        "Seals the cases and persons that no audit row has sealed yet (those written before "
        "sealing existed): run once after upgrading. Records already sealed are never sealed "
        "again, so a record changed in the database stays reported by verify."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args: Any, **options: Any) -> None:
        counts = audit_seal_unsealed(batch_size=options["batch_size"])
        self.stdout.write(f"Sealed {counts['case']} cases and {counts['person']} persons.")
