"""The quarterly report of a province and the National Action Plan monitoring report: figures
against hand counts, one province's report without another's cases, small counts withheld,
and each PDF in English and Urdu with text to copy."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.reference.models import Province
from htms.statistics.quarters import Quarter
from htms.statistics.reports.nap import FIGURE, NO_ACCESS, NOT_MEASURED, nap_items
from htms.statistics.reports.quarterly import QuarterRow, quarterly_report_context
from htms.statistics.tests.support import (
    SOM,
    accused,
    case,
    pdf_text,
    person,
    registered_on,
    verdict,
    victim,
)
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db
Q3 = Quarter(2025, 3)


@pytest.fixture
def cases(mona: User) -> None:
    """Punjab (AHTC Lahore): in 2025 Q2 one TIP case with one victim and one accused
    convicted; in Q3 two TIP cases with three women and one man, and one SOM case.
    Sindh (AHTC Karachi): in Q3 one TIP case with five victims."""
    q2 = case(by=mona, unit="AHTC-LHR")
    registered_on(q2, date(2025, 4, 10))
    victim(q2, person())
    verdict(accused(q2), "convicted", 2025)  # 1 June 2025
    first, second = case(by=mona, unit="AHTC-LHR"), case(by=mona, unit="AHTC-LHR")
    for _ in range(3):
        victim(first, person(sex="F"))
    victim(second, person(sex="M"))
    smuggling = case(by=mona, unit="AHTC-LHR", statutes=(SOM,))
    karachi = case(by=mona, unit="AHTC-KHI")
    for _ in range(5):
        victim(karachi, person(sex="F"))
    for made in (first, second, smuggling, karachi):
        registered_on(made, date(2025, 8, 5))


def _row(rows: list[QuarterRow], label: str) -> tuple[int | None, int | None]:
    row = next(r for r in rows if r.label == label)
    return row.previous, row.current


def _punjab_q3(user: User) -> dict[str, object]:
    return quarterly_report_context(user, Province.objects.get(code="PB"), Q3)


def test_it_counts_the_quarter_of_one_province_by_hand(
    mona: User, cases: None, settings: Any
) -> None:
    settings.HTMS_STATISTICS_K = 1
    found = _punjab_q3(mona)
    rows: dict[str, list[QuarterRow]] = found["rows"]  # type: ignore[assignment]
    assert _row(rows["cases"], "Trafficking in persons") == (1, 2)
    assert _row(rows["cases"], "Smuggling of migrants") == (0, 1)
    assert _row(found["victims_sex"], "Total") == (1, 4)  # type: ignore[arg-type]
    assert _row(found["victims_sex"], "Female") == (1, 3)  # type: ignore[arg-type]
    assert _row(found["convicted_sex"], "Total") == (1, 0)  # type: ignore[arg-type]
    assert _row(rows["funnel"], "Cases with an FIR") == (1, 3)


def test_it_leaves_out_the_cases_of_other_provinces_and_those_the_user_may_not_see(
    mona: User, alice: User, cases: None, settings: Any
) -> None:
    settings.HTMS_STATISTICS_K = 1
    sindh = quarterly_report_context(mona, Province.objects.get(code="SD"), Q3)
    assert _row(sindh["victims_sex"], "Total") == (0, 5)  # type: ignore[arg-type]
    assert _row(sindh["rows"]["cases"], "Smuggling of migrants") == (0, 0)  # type: ignore[index]
    circle = _punjab_q3(alice)  # whole counts, of her own circle's cases only
    assert circle["k"] is None
    assert circle["victims_sex"] == [] and circle["rows"]["cases"][0].current == 0  # type: ignore[index]


def test_it_withholds_small_counts_and_what_would_give_them_away(mona: User, cases: None) -> None:
    big = case(by=mona, unit="AHTC-LHR")
    for _ in range(12):
        victim(big, person(sex="F"))
    registered_on(big, date(2025, 9, 1))
    found = _punjab_q3(mona)  # k = 11: 15 women and 1 man in Q3
    women, man = _row(found["victims_sex"], "Female"), _row(found["victims_sex"], "Male")  # type: ignore[arg-type]
    total = _row(found["victims_sex"], "Total")  # type: ignore[arg-type]
    assert man == (0, None) and found["k"] == 11
    assert women[1] is None or total[1] is None
    assert _row(found["rows"]["cases"], "Trafficking in persons") == (None, None)  # type: ignore[index]


def test_it_writes_the_quarterly_report_in_english_and_urdu(
    hana: User, alice: User, cases: None, tmp_path: Path
) -> None:
    output = tmp_path / "q.pdf"
    call_command(
        "report", "quarterly", "--year", "2025", "--quarter", "3", "--province", "PB",
        "--output", str(output), "--user", "hana",
    )  # fmt: skip
    text = pdf_text(output.read_bytes())
    assert "Quarterly report 2025 Q3" in text and "Punjab" in text and "2025 Q2" in text
    response = client_for(hana).get(
        "/statistics/report/quarterly/?year=2025&quarter=3&province=PB&lang=ur"
    )
    urdu = pdf_text(response.content)
    assert (
        response["Content-Type"] == "application/pdf"
        and "سہ ماہی رپورٹ" in urdu
        and "درج مقدمات" in urdu
    )
    event = AuditEvent.objects.latest("seq")
    assert event.object_id == "quarterly-report-PB-2025-q3" and event.changes["language"] == "ur"


def test_it_refuses_a_report_to_caseworkers_and_explains_a_bad_province(
    carl: User, hana: User
) -> None:
    url = "/statistics/report/quarterly/?year=2025&quarter=3&province="
    assert client_for(carl).get(url + "PB").status_code == 403
    assert client_for(carl).get("/statistics/report/nap/?year=2025").status_code == 403
    response = client_for(hana).get(url + "XX")
    assert response.status_code == 400 and "province" in response.content.decode()


def test_it_answers_the_action_plan_items_it_measures_and_names_the_others(
    alice: User, carl: User, mona: User, cases: None, settings: Any
) -> None:
    settings.HTMS_STATISTICS_K = 1
    items = {(i.ref, i.label): i for i in nap_items(user=mona, year=2025)}
    tip = items[("Prosecution c.iii", "Cases registered: Trafficking in persons")]
    assert tip.status == FIGURE and tip.value == 4
    assert items[("Prevention f.ii", "Victims")].value == 10
    assert items[("Prevention b", "Awareness campaigns")].status == NOT_MEASURED
    calls = items[("Synopsis 15; ATUs", "Help-line calls received")]
    assert calls.status in (FIGURE, NO_ACCESS)


def test_it_writes_the_action_plan_report_in_english_and_urdu(
    hana: User, cases: None, tmp_path: Path
) -> None:
    output = tmp_path / "nap.pdf"
    call_command("report", "nap", "--year", "2025", "--output", str(output), "--user", "hana")
    text = pdf_text(output.read_bytes())
    assert "National Action Plan monitoring report 2025" in text
    assert "Prevention f.ii" in text and "not measured by HTMS" in text
    urdu = pdf_text(client_for(hana).get("/statistics/report/nap/?year=2025&lang=ur").content)
    assert "قومی لائحہ عمل" in urdu
    assert AuditEvent.objects.latest("seq").object_id == "nap-report-2025"


def test_it_links_the_reports_from_the_dashboard(hana: User) -> None:
    shown = page(client_for(hana), "/statistics/dashboard/?year=2025&province=PB")
    assert "/statistics/report/nap/?year=2025&amp;lang=ur" in shown
    assert "/statistics/report/quarterly/?year=2025&amp;quarter=4&amp;province=PB" in shown


def test_it_explains_a_year_out_of_range_to_the_command(hana: User, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="between 1947 and 2100"):
        call_command(
            "report", "nap", "--year", "20255", "--output", str(tmp_path / "x.pdf"),
            "--user", "hana",
        )  # fmt: skip
