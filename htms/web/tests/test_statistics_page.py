"""The statistics page: a counting unit by a dimension and year, with its CSV."""

import csv
import io

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.web.tests.support import client_for, page


def test_it_shows_whole_counts_to_the_circle_that_holds_the_cases(
    alice: User, tip_case: Case
) -> None:
    shown = page(client_for(alice), "/statistics/?unit=victims&by=sex")
    assert "Victims by Sex" in shown and "year of registration of the case" in shown
    assert '<td class="num">1</td>' in shown and "are withheld" not in shown


def test_it_withholds_small_counts_from_headquarters(hana: User, tip_case: Case) -> None:
    shown = page(client_for(hana), "/statistics/?unit=suspects&by=age_band")
    assert "are withheld" in shown and '<td class="num">–</td>' in shown
    assert '<td class="num">2</td>' not in shown


def test_it_downloads_the_figure_as_csv_and_records_it(hana: User, tip_case: Case) -> None:
    response = client_for(hana).get("/statistics/?unit=victims&by=sex&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["sex", "2026", "total"],
        ["F", "suppressed", "suppressed"],
        ["total", "suppressed", "suppressed"],
    ]
    event = AuditEvent.objects.latest("seq")
    assert (event.action, event.object_type, event.object_id) == (
        "export",
        "statistics",
        "victims-by-sex",
    )
    assert event.changes["k"] == 11


def test_it_shows_the_funnel(alice: User, tip_case: Case) -> None:
    shown = page(client_for(alice), "/statistics/?unit=funnel")
    assert "Cases with an FIR" in shown and "Conviction rate" in shown


def test_it_explains_an_unknown_figure(alice: User) -> None:
    shown = page(client_for(alice), "/statistics/?unit=everything&by=sex")
    assert "Select a valid choice" in shown
