"""``htms report annual|nap --year YYYY``, ``htms report quarterly --year YYYY --quarter Q
--province CODE`` (``--lang en|ur --output FILE.pdf --user NAME``), ``htms report unodc``."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.reference.models import Province
from htms.statistics.access import statistics_may_view
from htms.statistics.management.arguments import acting_user, output_file
from htms.statistics.quarters import Quarter
from htms.statistics.reports.annual import annual_report_export
from htms.statistics.reports.nap import nap_report_export
from htms.statistics.reports.quarterly import quarterly_report_export
from htms.statistics.reports.rendering import REPORT_LANGUAGES
from htms.statistics.reports.unodc import unodc_export

# The years the report pages accept too.
FIRST_YEAR, LAST_YEAR = 1947, 2100


def _pdf_parser(reports: Any, name: str, text: str) -> CommandParser:
    parser: CommandParser = reports.add_parser(name, help=text)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--lang", choices=REPORT_LANGUAGES, default="en")
    parser.add_argument("--output", required=True, help="the PDF file to write")
    parser.add_argument("--user", required=True, help="the acting user's username")
    return parser


def _province(code: str) -> Province:
    province = Province.objects.filter(code=code).first()
    if province is None:
        known = ", ".join(Province.objects.values_list("code", flat=True))
        raise CommandError(f"No province {code!r}; one of: {known}.")
    return province


class Command(BaseCommand):
    help = (
        "Writes a statistics report over the cases the acting user may see, under "
        "their disclosure control: annual (every counting unit, the funnel and the durations "
        "of one year), quarterly (one province, one quarter beside the one before) or nap "
        "(the National Action Plan monitoring report) as PDF, or unodc (the UNODC "
        "questionnaire tables by ICCS code) as XLSX. Audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        reports = parser.add_subparsers(dest="report", required=True)
        _pdf_parser(reports, "annual", "the annual report")
        quarterly = _pdf_parser(reports, "quarterly", "the quarterly report of a province")
        quarterly.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), required=True)
        quarterly.add_argument("--province", required=True, help="the province's code")
        _pdf_parser(reports, "nap", "the National Action Plan monitoring report")
        unodc = reports.add_parser("unodc", help="the UNODC tables by ICCS code, as XLSX")
        unodc.add_argument("--output", required=True, help="the XLSX file to write")
        unodc.add_argument("--user", required=True, help="the acting user's username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        if not statistics_may_view(user):
            raise CommandError("This user's role does not read case statistics.")
        output = output_file(options["output"])
        report = options["report"]
        year = options.get("year")
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}.")
        if report == "unodc":
            written = unodc_export(user=user)
        elif report == "quarterly":
            written = quarterly_report_export(
                user=user,
                province=_province(options["province"]),
                quarter=Quarter(options["year"], options["quarter"]),
                language=options["lang"],
            )
        else:
            export = nap_report_export if report == "nap" else annual_report_export
            written = export(user=user, year=options["year"], language=options["lang"])
        output.write_bytes(written)
        self.stdout.write(f"Wrote {output} ({len(written)} bytes).")
