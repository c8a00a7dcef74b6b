"""The figures against counts made by hand from the cases each test builds."""

import pytest

from htms.accounts.models import Role, User
from htms.cases.models import Case, Stage
from htms.cases.services.registration import case_register
from htms.cases.tests.support import (
    APPEAL_DAY,
    HIGH_COURT,
    convicted_then_appealed,
    judge,
    verdict_of,
)
from htms.conftest import tip_case_input
from htms.reference.models import Unit
from htms.statistics.figures import CountingUnit
from htms.statistics.funnel import case_funnel
from htms.statistics.published import unit_tables
from htms.statistics.tests.support import SOM, TIP, accused, case, person, verdict, victim


@pytest.fixture
def lahore_io(db: None) -> User:
    return User.objects.create_user(
        username="lio", unit=Unit.objects.get(code="AHTC-LHR"), role=Role.INVESTIGATING_OFFICER
    )


def _cells(table, code: str) -> list[int | None]:  # type: ignore[no-untyped-def]
    row = next(r for r in table.rows if r.code == code)
    return [*row.cells, row.total]


def test_it_counts_victims_by_sex_age_and_year_of_registration(mona: User, lahore_io: User) -> None:
    c2024 = case(by=lahore_io, year=2024)
    c2025 = case(by=lahore_io, year=2025, unit="AHTC-KHI")
    for _ in range(3):
        victim(c2024, person(sex="F", born=2010))  # 14 at the offence: a child
    victim(c2024, person(sex="M", born=1990))
    victim(c2025, person(sex="F", born=2000, nationality="AF"), ("ForcedLabour",))
    victim(c2025, person(sex="F", born=None))
    tables = unit_tables(user=lahore_io, unit=CountingUnit.VICTIMS)  # own unit: whole counts
    assert tables["sex"].k is None and tables["sex"].columns == ["2024"]
    assert _cells(tables["sex"], "F") == [3, 3] and _cells(tables["sex"], "M") == [1, 1]
    national = unit_tables(user=mona, unit=CountingUnit.VICTIMS)
    assert national["sex"].k == 11 and national["sex"].columns == ["2024", "2025"]
    assert national["sex"].totals and national["sex"].totals.cells == [None, None]


def test_it_publishes_whole_counts_to_the_writers_of_the_unit_only(
    alice: User, zara: User, hana: User, mona: User
) -> None:
    made = case(by=alice, unit="T-A")
    victim(made, person())
    assert unit_tables(user=alice, unit=CountingUnit.VICTIMS)["sex"].k is None
    for user in (zara, hana, mona):
        table = unit_tables(user=user, unit=CountingUnit.VICTIMS)["sex"]
        assert table.k == 11 and _cells(table, "F") == [None, None]


def test_it_counts_large_groups_in_every_dimension(mona: User, lahore_io: User) -> None:
    made = case(by=lahore_io, year=2025, statutes=(TIP, SOM))
    for _ in range(12):
        victim(made, person(sex="F", born=2012), ("SexualExploitation",))
    for _ in range(15):
        victim(made, person(sex="M", born=1995), ("ForcedLabour", "SexualExploitation"))
    tables = unit_tables(user=mona, unit=CountingUnit.VICTIMS)
    assert _cells(tables["sex"], "F") == [12, 12] and _cells(tables["sex"], "M") == [15, 15]
    assert _cells(tables["age_group"], "child") == [12, 12]
    assert _cells(tables["age_group"], "adult") == [15, 15]
    assert _cells(tables["age_band"], "9-17") == [12, 12]
    assert _cells(tables["age_band"], "30-38") == [15, 15]  # 30 on 1 January 2025
    assert _cells(tables["province"], "PB") == [27, 27]
    assert _cells(tables["nationality"], "PK") == [27, 27]
    assert _cells(tables["crime_type"], "TIP") == [27, 27]
    assert _cells(tables["crime_type"], "SOM") == [27, 27]
    assert _cells(tables["exploitation"], "SexualExploitation") == [27, 27]
    assert _cells(tables["exploitation"], "ForcedLabour") == [15, 15]


def test_it_counts_suspects_prosecuted_convicted_and_acquitted(lahore_io: User) -> None:
    tried = case(by=lahore_io, year=2023, stage=Stage.JUDGMENT)
    waiting = case(by=lahore_io, year=2024, stage=Stage.INVESTIGATION)
    convicted, acquitted, reversed_on_appeal = accused(tried), accused(tried), accused(tried)
    accused(waiting)
    verdict(convicted, "convicted", 2024)
    verdict(acquitted, "acquitted", 2025)
    verdict(reversed_on_appeal, "convicted", 2024)
    verdict(reversed_on_appeal, "appeal_acquitted", 2025, level=1)

    def total(unit: str) -> list[int | None]:
        table = unit_tables(user=lahore_io, unit=unit)["sex"]
        assert table.totals
        return [*table.totals.cells, table.totals.total]

    assert total(CountingUnit.SUSPECTS) == [3, 1, 4]  # registered in 2023 and 2024
    assert total(CountingUnit.PROSECUTED) == [3, 3]  # the accused of the case at trial
    assert total(CountingUnit.CONVICTED) == [2, 2]  # judged in 2024; the appeal does not undo
    assert total(CountingUnit.ACQUITTED) == [1, 1]  # judged in 2025


def test_it_follows_cases_through_the_funnel_by_year_of_the_fir(lahore_io: User) -> None:
    for stage in (Stage.FIR, Stage.FINAL_CHALLAN, Stage.TRIAL, Stage.JUDGMENT):
        case(by=lahore_io, year=2025, stage=stage)
    case(by=lahore_io, year=2025, fir=False)  # an enquiry: not in the funnel
    judged = case(by=lahore_io, year=2024, stage=Stage.JUDGMENT)
    verdict(accused(judged), "convicted", 2025)
    funnel = case_funnel(user=lahore_io)
    assert funnel.columns == ["2024", "2025"]
    assert [[*row.cells, row.total] for row in funnel.rows] == [
        [1, 4, 5],
        [1, 3, 4],
        [1, 2, 3],
        [1, 0, 1],
    ]
    assert [rate.total for rate in funnel.rates] == [80.0, 75.0, 33.3]


def test_it_withholds_small_funnel_steps_from_national_readers(mona: User, lahore_io: User) -> None:
    for _ in range(12):
        case(by=lahore_io, year=2025, stage=Stage.FIR)
    case(by=lahore_io, year=2025, stage=Stage.TRIAL)
    funnel = case_funnel(user=mona)
    assert [row.total for row in funnel.rows] == [13, None, None, 0]
    assert funnel.rates[0].total is None


def test_a_trial_conviction_reversed_on_appeal_counts_as_both(anne: User, tip_case: Case) -> None:
    """Convicted at trial and acquitted on appeal: a trial conviction and an appeal acquittal,
    never a trial acquittal; another case's conviction upheld on appeal counts as upheld."""
    convicted_then_appealed(anne, tip_case)
    judge(
        anne, tip_case, verdict_of(tip_case, "appeal_acquitted"), court=HIGH_COURT, day=APPEAL_DAY
    )
    upheld = case_register(actor=anne, data=tip_case_input())
    convicted_then_appealed(anne, upheld)
    judge(anne, upheld, verdict_of(upheld, "upheld"), court=HIGH_COURT, day=APPEAL_DAY)

    def total(unit: str) -> list[int | None]:
        table = unit_tables(user=anne, unit=unit)["sex"]
        return [*table.totals.cells, table.totals.total] if table.totals else []

    assert total(CountingUnit.CONVICTED) == [2, 2]
    assert total(CountingUnit.ACQUITTED) == []
    assert total(CountingUnit.ACQUITTED_ON_APPEAL) == [1, 1]
    assert total(CountingUnit.UPHELD) == [1, 1]
