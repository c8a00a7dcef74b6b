"""The statistics dashboard: charts with their tables, filters, downloads and drill-down, in
English and Urdu, with small counts withheld from everyone but the circle holding the cases."""

import csv
import io
import tempfile
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest
from django.core.management import call_command
from django.http import HttpResponse

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.statistics.tests.support import SOM, case, pdf_text, person, route, victim
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db
URL = "/statistics/dashboard/"


def test_it_shows_charts_tables_and_drill_down_to_the_circle(alice: User, tip_case: Case) -> None:
    shown = page(client_for(alice), URL + "?unit=victims&by=crime_type")
    assert shown.count("<svg") == 4 and 'id="by-table"' in shown and 'id="funnel-table"' in shown
    assert '<td class="num">1</td>' in shown and "are withheld" not in shown
    assert "/cases/?crime_type=TIP" in shown
    assert "registered_from=2026-01-01&amp;registered_to=2026-12-31" in shown
    assert "download=by&amp;format=xlsx" in shown


def test_it_withholds_small_counts_and_names_from_headquarters(hana: User, tip_case: Case) -> None:
    shown = page(client_for(hana), URL + "?unit=victims&by=sex")
    assert "are withheld" in shown and '<td class="num">–</td>' in shown
    assert '<td class="num">1</td>' not in shown
    victim_name = tip_case.parties.get(role="victim").person.full_name
    assert victim_name not in shown


def test_it_shows_the_page_in_urdu(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    client.cookies["django_language"] = "ur"
    shown = page(client, URL)
    assert 'dir="rtl"' in shown and "جرم کا ضلع" in shown and "<svg" in shown


@pytest.mark.parametrize("who", ["carl", "adam"])
def test_it_refuses_roles_without_statistics(request: pytest.FixtureRequest, who: str) -> None:
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


def _csv(response: HttpResponse) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_it_downloads_each_table_as_csv_and_records_it(hana: User, tip_case: Case) -> None:
    rows = _csv(client_for(hana).get(URL + "?by=sex&download=by&format=csv"))
    assert rows[1:] == [["F", "suppressed", "suppressed"], ["total", "suppressed", "suppressed"]]
    event = AuditEvent.objects.latest("seq")
    assert [event.action, event.object_type, event.object_id] == [
        "export",
        "statistics",
        "dashboard-by",
    ]
    assert event.changes["k"] == 11 and event.changes["query"]["by"] == "sex"


def test_it_downloads_xlsx_with_withheld_cells_marked(hana: User, tip_case: Case) -> None:
    response = client_for(hana).get(URL + "?download=funnel&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["step", 2026, "total"] and rows[1] == ["firs", "suppressed", "suppressed"]


def test_it_filters_by_province_with_counts_made_by_hand(mona: User, alice: User) -> None:
    lahore = case(by=alice, unit="AHTC-LHR", year=2025)
    karachi = case(by=alice, unit="AHTC-KHI", year=2025)
    route(lahore, ("recruitment", "PK", "PB-SIALKOT"), ("exploitation", "AE", None))
    for _ in range(12):
        victim(lahore, person())
    for _ in range(13):
        victim(karachi, person())
    client = client_for(mona)
    national = page(client, URL + "?unit=victims")
    assert '<td class="num">25</td>' in national
    punjab = client.get(URL + "?unit=victims&province=PB&download=trend&format=csv")
    assert _csv(punjab)[-1] == ["total", "12", "12"]
    sindh = client.get(URL + "?unit=victims&province=SD&download=trend&format=csv")
    assert _csv(sindh)[-1] == ["total", "13", "13"]
    routes = page(client, URL + "?unit=victims")
    assert "Pakistan → United Arab Emirates" in routes


def test_it_withholds_a_province_slice_under_k(mona: User, alice: User) -> None:
    big = case(by=alice, unit="AHTC-LHR", year=2025)
    small = case(by=alice, unit="AHTC-KHI", year=2025)
    for _ in range(20):
        victim(big, person())
    for _ in range(3):
        victim(small, person())
    client = client_for(mona)
    sindh = client.get(URL + "?unit=victims&province=SD&download=trend&format=csv")
    assert _csv(sindh)[-1] == [
        "total",
        "suppressed",
        "suppressed",
    ]
    # Punjab's 20 would give Sindh's 3 away from the national 23: withheld too.
    punjab = client.get(URL + "?unit=victims&province=PB&download=trend&format=csv")
    assert _csv(punjab)[-1] == [
        "total",
        "suppressed",
        "suppressed",
    ]


def test_it_explains_two_filters_at_once(hana: User) -> None:
    shown = page(client_for(hana), URL + "?province=PB&crime_type=TIP")
    assert "Choose a province or a crime type, not both." in shown


def test_it_shows_one_year_only(alice: User, tip_case: Case) -> None:
    shown = page(client_for(alice), URL + "?year=2025")
    assert '<th scope="col">2026</th>' not in shown


def test_it_writes_the_annual_report_in_urdu_with_text_to_copy(hana: User, tip_case: Case) -> None:
    response = client_for(hana).get("/statistics/report/annual/?year=2026&lang=ur")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "متاثرین" in text and "سالانہ رپورٹ" in text
    victim_name = tip_case.parties.get(role="victim").person.full_name
    assert victim_name not in text
    event = AuditEvent.objects.latest("seq")
    assert event.object_id == "annual-report-2026" and event.changes["language"] == "ur"


def test_it_writes_the_annual_report_from_the_command(alice: User, tip_case: Case) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "annual.pdf"
        call_command(
            "report", "annual", "--year", "2026", "--output", str(output), "--user", "alice"
        )
        text = pdf_text(output.read_bytes())
    assert "Annual report 2026" in text and "Victims" in text


def test_it_explains_a_report_without_a_year(hana: User) -> None:
    response = client_for(hana).get("/statistics/report/annual/?lang=ur")
    assert response.status_code == 400 and "required" in response.content.decode()


def test_it_refuses_the_report_to_caseworkers(carl: User) -> None:
    assert client_for(carl).get("/statistics/report/annual/?year=2026").status_code == 403


def test_it_writes_the_unodc_tables_by_iccs_code(mona: User, alice: User) -> None:
    made = case(by=alice, unit="AHTC-LHR", year=2025)
    for _ in range(12):
        victim(made, person())
    small = case(by=alice, unit="AHTC-LHR", year=2025, statutes=(SOM,))
    victim(small, person())
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "unodc.xlsx"
        call_command("report", "unodc", "--output", str(output), "--user", "mona")
        book = openpyxl.load_workbook(output)
    assert book.sheetnames == [
        "victims",
        "suspects",
        "prosecuted",
        "convicted",
        "acquitted",
        "upheld",
        "appeal_acquitted",
    ]
    rows = [[cell.value for cell in row] for row in book["victims"].iter_rows()]
    assert rows[0] == ["iccs", 2025, "total"]
    assert ["0204", 12, 12] in rows and ["08051", "suppressed", "suppressed"] in rows
    assert AuditEvent.objects.latest("seq").object_id == "unodc-iccs"
