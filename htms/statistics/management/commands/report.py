"""``htms report annual --year YYYY --lang en|ur --output FILE.pdf --user NAME``."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.statistics.access import statistics_may_view
from htms.statistics.management.arguments import acting_user, output_file
from htms.statistics.reports.annual import REPORT_LANGUAGES, annual_report_export
from htms.statistics.reports.unodc import unodc_export


class Command(BaseCommand):
    help = (
        "Writes a statistics report over the cases the acting user may see, under "
        "their disclosure control: annual (every counting unit, the funnel and the durations "
        "of one year) as PDF, or unodc (the UNODC questionnaire tables by ICCS code) as XLSX. "
        "Audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", required=True)
        annual = reports.add_parser("annual", help="the annual report")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--lang", choices=REPORT_LANGUAGES, default="en")
        annual.add_argument("--output", required=True, help="the PDF file to write")
        annual.add_argument("--user", required=True, help="the acting user's username")
        unodc = reports.add_parser("unodc", help="the UNODC tables by ICCS code, as XLSX")
        unodc.add_argument("--output", required=True, help="the XLSX file to write")
        unodc.add_argument("--user", required=True, help="the acting user's username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        if not statistics_may_view(user):
            raise CommandError("This user's role does not read case statistics.")
        output = output_file(options["output"])
        if options["report"] == "unodc":
            written = unodc_export(user=user)
        else:
            written = annual_report_export(
                user=user, year=options["year"], language=options["lang"]
            )
        output.write_bytes(written)
        self.stdout.write(f"Wrote {output} ({len(written)} bytes).")
