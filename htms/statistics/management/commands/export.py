"""``htms export htcds|ctdc --output FILE.csv --user NAME --purpose TEXT [--k 11]``; ``htms
export ftm|i2`` for networks (``htms/network/command.py``)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.network.command import NETWORK_EXPORTS, network_export_command, network_export_parsers
from htms.statistics.exports.standard import CTDC, HTCDS, standard_export
from htms.statistics.management.arguments import acting_user, output_file


class Command(BaseCommand):
    help = (
        "Exports every victim in the cases the acting user may see in a data standard: "
        "htcds (HTCDS 2.0, one row per victim, no identity) or ctdc (the CTDC global "
        "dataset, k-anonymous). Audited with its purpose."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        standards = parser.add_subparsers(dest="standard", required=True)
        for name, text in ((HTCDS, "HTCDS 2.0 fields"), (CTDC, "CTDC variables, k-anonymous")):
            sub = standards.add_parser(name, help=text)
            sub.add_argument("--output", required=True, help="the CSV file to write")
            sub.add_argument("--user", required=True, help="the acting user's username")
            sub.add_argument("--purpose", required=True, help="why the data leaves HTMS")
            if name == CTDC:
                sub.add_argument("--k", type=int, default=None, help="at least 11 (default)")
        network_export_parsers(standards)

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        output = output_file(options["output"])
        if options["standard"] in NETWORK_EXPORTS:
            self.stdout.write(network_export_command(user, output, options))
            return
        try:
            done = standard_export(
                actor=user,
                standard=options["standard"],
                output=output,
                purpose=options["purpose"],
                k=options.get("k"),
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{done.rows} rows written to {output}; {done.withheld_rows} left out.")
