"""Figures by place, ICCS code, reach and route, in a chosen year, and the durations, against
counts made by hand from the cases each test builds."""

from datetime import date

import pytest

from htms.accounts.models import User
from htms.cases.models import Stage
from htms.statistics.durations import case_durations
from htms.statistics.figures import CountingUnit, YearBasis
from htms.statistics.published import unit_tables
from htms.statistics.tests.support import (
    SOM,
    TIP,
    accused,
    case,
    challan,
    lives_in,
    person,
    route,
    verdict,
    victim,
)

pytestmark = pytest.mark.django_db


def _total(table, code: str) -> int | None:  # type: ignore[no-untyped-def]
    return next(r.total for r in table.rows if r.code == code)


def _codes(table) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.code for r in table.rows]


def test_it_counts_victims_by_district_of_offence_and_of_origin(lahore_io: User) -> None:
    abroad = case(by=lahore_io)
    route(
        abroad,
        ("recruitment", "PK", "PB-GUJRANWALA"),
        ("transit", "IR", None),
        ("exploitation", "GR", None),
    )
    at_home = case(by=lahore_io)
    route(at_home, ("recruitment", "PK", "PB-SIALKOT"), ("exploitation", "PK", "PB-LAHORE"))
    for _ in range(2):
        victim(abroad, person())
    sialkot = person()
    lives_in(sialkot, "PB-SIALKOT")
    victim(at_home, sialkot)
    tables = unit_tables(user=lahore_io, unit=CountingUnit.VICTIMS)
    offence = tables["offence_district"]
    # Abroad, no exploitation district: the first district of the route.
    assert _total(offence, "PB-GUJRANWALA") == 2 and _total(offence, "PB-LAHORE") == 1
    origin = tables["origin_district"]
    assert _total(origin, "PB-SIALKOT") == 1 and _total(origin, "") == 2


def test_it_counts_reach_destination_and_route(lahore_io: User) -> None:
    abroad = case(by=lahore_io)
    route(
        abroad, ("recruitment", "PK", None), ("transit", "IR", None), ("exploitation", "GR", None)
    )
    at_home = case(by=lahore_io)
    route(at_home, ("recruitment", "PK", None), ("exploitation", "PK", None))
    unrouted = case(by=lahore_io)
    for made, n in ((abroad, 3), (at_home, 2), (unrouted, 1)):
        for _ in range(n):
            victim(made, person())
    tables = unit_tables(user=lahore_io, unit=CountingUnit.VICTIMS)
    reach = tables["reach"]
    assert _codes(reach) == ["domestic", "transnational", ""]
    assert [_total(reach, c) for c in _codes(reach)] == [2, 3, 1]
    assert _total(tables["destination"], "GR") == 3 and _total(tables["destination"], "PK") == 2
    routes = tables["route"]
    assert _total(routes, "PK>GR") == 3 and _total(routes, "PK>PK") == 2
    assert next(r.label for r in routes.rows if r.code == "PK>GR") == "Pakistan → Greece"
    assert routes.totals and routes.totals.total == 6


def test_it_counts_suspects_by_iccs_code_under_each_code_charged(lahore_io: User) -> None:
    both = case(by=lahore_io, statutes=(TIP, SOM))
    tip = case(by=lahore_io, statutes=(TIP,))
    accused(both)
    accused(tip)
    accused(tip)
    iccs = unit_tables(user=lahore_io, unit=CountingUnit.SUSPECTS)["iccs"]
    assert _total(iccs, "0204") == 3 and _total(iccs, "08051") == 1
    assert iccs.totals is None  # a person may be under two codes: no total row
    assert next(r.label for r in iccs.rows if r.code == "08051") == "08051 Smuggling of migrants"


def test_it_counts_in_the_year_asked_for_and_names_it(lahore_io: User) -> None:
    made = case(by=lahore_io, year=2025)
    made.occurred_on = date(2023, 5, 1)
    made.save(update_fields=["occurred_on"])
    convicted = accused(made)
    verdict(convicted, "convicted", 2026)
    by_offence = unit_tables(user=lahore_io, unit=CountingUnit.SUSPECTS, year=YearBasis.OFFENCE)
    assert by_offence["sex"].columns == ["2023"]
    assert by_offence["sex"].year_basis == "year of the offence"
    assert unit_tables(user=lahore_io, unit=CountingUnit.SUSPECTS)["sex"].columns == ["2025"]
    judged = unit_tables(user=lahore_io, unit=CountingUnit.CONVICTED)["sex"]
    assert judged.columns == ["2026"] and judged.year_basis == "year of the trial judgment"
    registered = unit_tables(
        user=lahore_io, unit=CountingUnit.CONVICTED, year=YearBasis.REGISTRATION
    )["sex"]
    assert registered.columns == ["2025"]
    # The judgment's year means nothing for suspects: their own year is used, and named.
    asked = unit_tables(user=lahore_io, unit=CountingUnit.SUSPECTS, year=YearBasis.JUDGMENT)
    assert asked["sex"].year_basis == "year of registration of the case"


def test_it_withholds_the_new_dimensions_from_national_readers(mona: User, lahore_io: User) -> None:
    made = case(by=lahore_io)
    route(made, ("recruitment", "PK", "PB-SIALKOT"), ("exploitation", "AE", None))
    for _ in range(12):
        victim(made, person())
    far = case(by=lahore_io)
    route(far, ("recruitment", "PK", "PB-LAHORE"), ("exploitation", "IT", None))
    victim(far, person())
    tables = unit_tables(user=mona, unit=CountingUnit.VICTIMS)
    for dimension in ("offence_district", "destination", "route", "reach", "iccs"):
        cells = [n for row in tables[dimension].rows for n in [*row.cells, row.total]]
        assert all(n is None or n >= 11 for n in cells), dimension
    assert _total(tables["destination"], "IT") is None
    assert _total(tables["destination"], "AE") is None  # else 13 - 12 gives Italy away


def _durations_case(by: User, fir: date, challan_on: date, judged: date | None) -> None:
    made = case(by=by, year=fir.year, stage=Stage.TRIAL)
    made.fir_date = fir
    made.save(update_fields=["fir_date"])
    challan(made, challan_on)
    if judged:
        verdict(accused(made), "acquitted", judged.year)  # verdicts fall on 1 June


def test_it_gives_quartiles_of_days_from_fir_to_challan_and_judgment(lahore_io: User) -> None:
    for days in (10, 20, 30, 40, 50):
        fir = date(2025, 1, 1)
        _durations_case(lahore_io, fir, date.fromordinal(fir.toordinal() + days), None)
    _durations_case(lahore_io, date(2025, 5, 2), date(2025, 5, 12), date(2025, 6, 1))
    found = case_durations(user=lahore_io)
    assert found.columns == ["2025"] and found.k is None
    to_challan, to_judgment = found.rows
    spread = to_challan.total
    assert spread and (spread.cases, spread.lower, spread.median, spread.upper) == (
        6,
        12.5,
        25,
        37.5,
    )
    assert to_judgment.total and to_judgment.total.median == 30 and to_judgment.total.cases == 1


def test_it_withholds_durations_over_fewer_than_k_cases(mona: User, lahore_io: User) -> None:
    for day in range(1, 12):
        _durations_case(lahore_io, date(2025, 1, day), date(2025, 3, 1), None)
    found = case_durations(user=mona)
    to_challan, to_judgment = found.rows
    assert to_challan.total and to_challan.total.cases is None and to_challan.total.median
    assert to_judgment.total is None and to_judgment.cells == [None]


def test_it_counts_only_cases_the_user_may_see(alice: User, bob: User) -> None:
    made = case(by=alice, unit="T-A")
    route(made, ("exploitation", "AE", None))
    victim(made, person())
    assert unit_tables(user=bob, unit=CountingUnit.VICTIMS)["destination"].rows == []
