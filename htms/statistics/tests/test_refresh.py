"""The table of people counted: its cells are those of the people counted one by one, in every
unit, dimension, year basis, quarter and slice; a figure is as of its last refresh."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from pytest_django import DjangoAssertNumQueries

from htms.accounts.models import User
from htms.cases.models import Verdict, VerdictOutcome
from htms.statistics.dimensions import Dimension
from htms.statistics.figures import CountingUnit, YearBasis, people_counted
from htms.statistics.ledger.importer import ledger_import
from htms.statistics.models import CountedCell, CountedPerson, StatisticsRefresh
from htms.statistics.people import CountedList, CountedRows, People, counted_people
from htms.statistics.published import unit_tables
from htms.statistics.refresh import joined, split
from htms.statistics.tests.support import (
    SOM,
    TIP,
    accused,
    case,
    lives_in,
    pdf_text,
    person,
    route,
    verdict,
    victim,
)
from htms.synthetic.generator import generate
from htms.synthetic.load import catalogue_from_db, synthetic_actors, synthetic_load
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db

GENERATED_UNITS = ["AHTC-LHR", "AHTC-KHI"]
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ledger-sample.csv"


def _cases(by: User) -> None:
    """Cases of two provinces and crime types, with every fact a dimension reads."""
    both = case(by=by, statutes=(TIP, SOM), year=2024)
    route(both, ("recruitment", "PK", "PB-GUJRANWALA"), ("exploitation", "AE", None))
    girl = person(sex="F", born=2010)
    lives_in(girl, "PB-SIALKOT")
    victim(both, girl, exploitation=("ForcedLabour", "SexualExploitation"))
    victim(both, person(sex="M", born=None, nationality="AF"))
    convicted = accused(both)
    verdict(convicted, VerdictOutcome.CONVICTED, 2025)
    verdict(convicted, VerdictOutcome.UPHELD, 2026, level=1)
    verdict(accused(both), VerdictOutcome.ACQUITTED, 2025)
    karachi = case(by=by, unit="AHTC-KHI", statutes=(SOM,), year=2025, stage="trial")
    victim(karachi, person(sex="F", born=1980))
    reversed_ = accused(karachi)
    verdict(reversed_, VerdictOutcome.CONVICTED, 2025)
    verdict(reversed_, VerdictOutcome.ACQUITTED_ON_APPEAL, 2026, level=1)
    accused(karachi)


def _same(table: People, listed: People) -> None:
    table.prefetch(Dimension.values)
    assert table.years() == listed.years()
    for dimension in Dimension.values:
        assert table.cells(dimension) == listed.cells(dimension), dimension


def test_it_counts_every_figure_as_the_people_counted_one_by_one(
    mona: User, lahore_io: User
) -> None:
    _cases(lahore_io)
    with SAMPLE.open("rb") as stream:
        ledger_import(actor=mona, stream=stream, name=SAMPLE.name)
    for user in (mona, lahore_io):
        for unit in CountingUnit.values:
            for basis in YearBasis.values:
                table = counted_people(user=user, unit=unit, year=basis)
                listed = CountedList(people_counted(user=user, unit=unit, year=basis))
                _same(table, listed)
                _same(table.in_quarters(), listed.in_quarters())
                for by in (Dimension.PROVINCE, Dimension.CRIME_TYPE):
                    parts = table.sliced(by)
                    assert parts.keys() == listed.sliced(by).keys()
                    for code, part in parts.items():
                        for dimension in (Dimension.SEX, Dimension.AGE_BAND, Dimension.ICCS):
                            expected = listed.where(by, code).cells(dimension)
                            assert part.cells(dimension) == expected


def test_it_counts_generated_cases_as_the_people_counted_one_by_one(mona: User) -> None:
    """Generated cases of two provinces, with routes, appeals and forms of exploitation."""
    catalogue = catalogue_from_db(unit_codes=GENERATED_UNITS)
    data = generate(cases=30, seed=6, today=date(2026, 6, 1), catalogue=catalogue)
    synthetic_load(data=data, actors_by_unit=synthetic_actors(GENERATED_UNITS))
    assert Verdict.objects.filter(level=1).exists()
    with override_settings(HTMS_STATISTICS_MAX_AGE=900):
        call_command("refresh_statistics", stdout=None)
        for unit in CountingUnit.values:
            for basis in YearBasis.values:
                table = counted_people(user=mona, unit=unit, year=basis)
                _same(table, CountedList(people_counted(user=mona, unit=unit, year=basis)))


def test_it_stores_several_codes_of_a_person_between_bars() -> None:
    assert joined(("SOM", "TIP")) == "|SOM|TIP|" and split("|SOM|TIP|") == ("SOM", "TIP")
    assert joined(("",)) == "||" and split("||") == ("",)
    assert joined(()) == "" and split("") == ()


def _victims(user: User) -> int | None:
    totals = unit_tables(user=user, unit=CountingUnit.VICTIMS, facts=[])["sex"].totals
    return totals.total if totals else 0


def test_a_figure_counts_as_of_the_last_refresh_until_it_is_refreshed(lahore_io: User) -> None:
    victim(case(by=lahore_io), person())
    with override_settings(HTMS_STATISTICS_MAX_AGE=900):
        call_command("refresh_statistics", stdout=None)
        victim(case(by=lahore_io), person())
        assert _victims(lahore_io) == 1
        client = client_for(lahore_io)
        for url in ("/statistics/?unit=victims&by=sex", "/statistics/dashboard/"):
            assert "People counted as of" in client.get(url).content.decode()
        for report in ("quarterly/?year=2025&quarter=1&province=PB", "nap/?year=2025"):
            pdf = client.get(f"/statistics/report/{report}").content
            assert "People counted as of" in pdf_text(pdf)
        call_command("refresh_statistics", stdout=None)
        assert _victims(lahore_io) == 2
    assert StatisticsRefresh.objects.latest().rows == CountedPerson.objects.count() == 2


def test_a_figure_older_than_the_maximum_age_is_refreshed_before_it_is_read(
    lahore_io: User,
) -> None:
    with override_settings(HTMS_STATISTICS_MAX_AGE=900):
        call_command("refresh_statistics", stdout=None)
        victim(case(by=lahore_io), person())
        StatisticsRefresh.objects.update(refreshed_at="2020-01-01T00:00:00Z")
        assert _victims(lahore_io) == 1
        assert StatisticsRefresh.objects.count() == 2


def test_a_national_figure_reads_the_cells_summed_at_the_refresh(
    mona: User, lahore_io: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    """On PostgreSQL the refresh sums the whole country's cells, which a figure for a user
    who sees every case reads in one query; SQLite (one office) scans the people counted."""
    _cases(lahore_io)
    with override_settings(HTMS_STATISTICS_MAX_AGE=900):
        call_command("refresh_statistics", stdout=None)
        national = counted_people(user=mona, unit=CountingUnit.VICTIMS)
        assert isinstance(national, CountedRows)
        summed = connection.vendor == "postgresql"
        assert CountedCell.objects.exists() == summed
        with django_assert_num_queries(1 if summed else len(Dimension.values)):
            cells = {d: national.cells(d) for d in Dimension.values}
        scanned = CountedRows(national.rows, national.day)
        assert cells == {d: scanned.cells(d) for d in Dimension.values}
        circle = counted_people(user=lahore_io, unit=CountingUnit.VICTIMS)
        assert isinstance(circle, CountedRows) and not circle.national


def test_a_user_who_may_see_no_case_counts_nobody(lahore_io: User, carl: User) -> None:
    """A caseworker's cases are none at all: every dimension's cells are empty, in one scan
    on PostgreSQL as elsewhere, and the statistics page still answers."""
    _cases(lahore_io)
    nobody = counted_people(user=carl, unit=CountingUnit.VICTIMS)
    nobody.prefetch(Dimension.values)
    assert all(nobody.cells(d) == {} for d in Dimension.values)
    assert nobody.years() == []
    assert client_for(carl).get("/statistics/").status_code == 200
