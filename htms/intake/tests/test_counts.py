"""Counts of deportees and offloadees by each dimension, scoped by the access chokepoint."""

from datetime import date

import pytest

from htms.accounts.models import User
from htms.intake.counts import CountFilters, age_band, border_counts
from htms.intake.export import counts_csv
from htms.intake.models import BorderEventKind
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import deportee, record

pytestmark = pytest.mark.django_db


def _offloadee(born: date) -> object:
    entry = deportee(born=born)
    entry.kind, entry.deporting_country_code, entry.return_reason = (
        BorderEventKind.OFFLOADED,
        "",
        "",
    )
    entry.fraud_kind, entry.occurred_on = "forged_passport", date(2026, 9, 3)
    entry.person.district_code = "PB-GUJRAT"
    return entry


@pytest.fixture
def events(ivan: User, tariq: User) -> None:
    minor = record(ivan, deportee(born=date(2010, 5, 1)))
    screening_record(actor=ivan, event_id=minor.pk, data=ScreeningInput({"sold": True}))
    record(ivan, deportee(born=date(1980, 5, 1)))
    record(ivan, _offloadee(date(1995, 1, 1)))  # type: ignore[arg-type]
    record(tariq, deportee(born=date(1970, 5, 1)))


def test_it_counts_by_month_with_a_total(events: None, hana: User) -> None:
    counts = border_counts(user=hana, dimension="month")
    by_month = {r.key: (r.deported, r.offloaded, r.possible_victims, r.minors) for r in counts.rows}
    assert by_month == {"2026-09": (0, 1, 0, 0), "2026-10": (3, 0, 1, 1)}
    assert (counts.total.total, counts.total.possible_victims) == (4, 1)


def test_it_counts_by_point_country_district_sex_and_age(events: None, hana: User) -> None:
    def keys(dimension: str) -> dict[str, int]:
        return {r.key: r.total for r in border_counts(user=hana, dimension=dimension).rows}

    assert len(keys("post")) == 2
    assert keys("deporting_country") == {"Oman": 3, "—": 1}
    assert keys("district") == {"Gujrat": 1, "—": 3}
    assert keys("sex") == {"Male": 4}
    assert keys("age_band") == {"12–17": 1, "25–34": 1, "35–49": 1, "50+": 1}


def test_a_post_counts_only_its_own_events(events: None, ivan: User, tariq: User) -> None:
    assert border_counts(user=ivan, dimension="month").total.total == 3
    assert border_counts(user=tariq, dimension="month").total.total == 1


def test_filters_narrow_the_counts(events: None, hana: User) -> None:
    only = CountFilters(kind=BorderEventKind.OFFLOADED, date_from=date(2026, 9, 1))
    assert border_counts(user=hana, dimension="sex", filters=only).total.offloaded == 1


def test_a_caseworker_counts_nothing(events: None, carl: User) -> None:
    assert border_counts(user=carl, dimension="month").total.total == 0


def test_age_bands_cover_every_age() -> None:
    assert [age_band(a) for a in (None, 0, 11, 12, 17, 18, 34, 35, 49, 50, 90)] == [
        "—", "0–11", "0–11", "12–17", "12–17", "18–24", "25–34", "35–49", "35–49", "50+", "50+",
    ]  # fmt: skip


def test_the_counts_export_neutralises_formulas(hana: User, ivan: User) -> None:
    csv_text = "".join(counts_csv(border_counts(user=hana, dimension="month")))
    assert csv_text.startswith("Month,deported")
    from htms.intake.export import safe_cell

    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("+923001234567") == "'+923001234567"
    assert safe_cell("Ali") == "Ali"
