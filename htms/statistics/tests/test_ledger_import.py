"""Importing historical cases from a ledger transcription: good rows imported, bad rows left
waiting for correction, idempotent, and counted in the national series by the year of their
FIR or judgment."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case, Offence, Stage
from htms.reference.models import Unit
from htms.statistics.figures import CountingUnit, people_counted
from htms.statistics.funnel import case_funnel
from htms.statistics.ledger.importer import LedgerResult, ledger_import, saved_ledger_mapping
from htms.statistics.models import LedgerCase
from htms.statistics.published import unit_tables
from htms.statistics.tests.support import case

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ledger-sample.csv"
HEADINGS = "Circle,FIR No,FIR Date,Sections,Present Status,Convicted,Acquitted,Date of Judgment"


def _sample(actor: User) -> LedgerResult:
    with SAMPLE.open("rb") as stream:
        return ledger_import(actor=actor, stream=stream, name=SAMPLE.name)


def _csv(actor: User, *lines: str, **given: object) -> LedgerResult:
    stream = io.BytesIO("\n".join(lines).encode())
    return ledger_import(actor=actor, stream=stream, name="ledger.csv", **given)  # type: ignore[arg-type]


def _years(counted: list) -> dict[int, int]:  # type: ignore[type-arg]
    found: dict[int, int] = {}
    for c in counted:
        found[c.year] = found.get(c.year, 0) + 1
    return found


def test_it_imports_the_sample_ledger_as_historical_cases(mona: User) -> None:
    result = _sample(mona)
    assert not result.waiting and len(result.created) == 5
    cases = Case.objects.filter(pk__in=result.created).select_related("unit", "ledger")
    assert all(c.historical for c in cases)
    by_fir = {c.fir_number: c for c in cases}
    gujranwala = by_fir["12/2012"]
    assert gujranwala.unit.code == "AHTC-GRW" and gujranwala.stage == Stage.JUDGMENT
    assert gujranwala.registered_at.year == 2012 and gujranwala.investigating_officer is None
    assert gujranwala.ledger.victims_male_minor == 1 and gujranwala.ledger.victims_unknown == 1
    assert gujranwala.ledger.court_text == "Sessions Court Gujranwala"
    offence = Offence.objects.get(case=gujranwala)
    assert offence.date_precision == "month" and offence.district.code == "PB-GUJRANWALA"
    lahore = by_fir["45/2013"]
    assert sorted(lahore.offences.values_list("statute__code", flat=True)) == [
        "EO1979-17",
        "EO1979-22",
    ]
    assert lahore.ledger.crime_type == "SOM" and lahore.court.code == "CRT-SJ-LHR"
    assert by_fir["101/2016"].stage == Stage.FINAL_CHALLAN
    assert by_fir["7/2019"].stage == Stage.TRIAL
    uploaded, imported = AuditEvent.objects.filter(object_type="ledger_import").order_by("seq")
    assert uploaded.changes["rows"] == 5 and uploaded.actor == mona
    assert imported.changes["imported"]["imported"] == 5


def test_it_imports_the_good_rows_and_keeps_each_problem_of_the_others(mona: User) -> None:
    result = _csv(
        mona,
        HEADINGS,
        "AHTC-LHR,1/2015,03/04/2015,PPC 371-A,FIR,,,",
        "Nowhere circle,2/2015,31/02/2015,PPC 999,FIR,,,",
        "AHTC-LHR,3/2015,03/04/2015,PPC 420,Judgment,2,,",
        "AHTC-LHR,1/2015,05/06/2015,PPC 420,FIR,,,",
    )
    assert result.waiting and len(result.created) == 1
    assert Case.objects.get().fir_number == "1/2015" and LedgerCase.objects.count() == 1
    assert sorted(result.problems) == [3, 4, 5]
    assert result.problems[3] == [
        "FIA circle or unit: “Nowhere circle” is not a circle or unit that HTMS knows.",
        "FIR date: “31/02/2015” is not a date: February 2015 has no day 31.",
        "Law and sections: “PPC 999” is not a section of a law in the statute list; write it "
        "like 420/468 PPC.",
    ]
    assert result.problems[4] == [
        "Judgment date: Accused were convicted or acquitted: give the date."
    ]
    assert result.problems[5] == [
        "FIR number: Row 2 already gives FIR 1/2015 of this unit and year."
    ]
    imported = AuditEvent.objects.filter(object_type="ledger_import").order_by("seq").last()
    assert imported is not None and imported.changes["imported"]["waiting"] == 3


def test_importing_the_same_file_twice_creates_no_duplicate(mona: User) -> None:
    first = _sample(mona)
    again = _sample(mona)
    assert not again.waiting and again.created == []
    assert again.already == [3, 4, 5, 6, 7]
    assert Case.objects.count() == len(first.created) == 5


def test_figures_count_historical_cases_by_year(mona: User) -> None:
    _sample(mona)
    victims = people_counted(user=mona, unit=CountingUnit.VICTIMS)
    assert _years(victims) == {2012: 3, 2016: 2, 2017: 1}
    girls = [c for c in victims if c.categories["age_group"] == ("child",)]
    assert len(girls) == 3 and {c.categories["age_band"] for c in girls} == {("child_age_unknown",)}
    assert _years(people_counted(user=mona, unit=CountingUnit.CONVICTED)) == {2014: 1, 2015: 3}
    assert _years(people_counted(user=mona, unit=CountingUnit.ACQUITTED)) == {2014: 1}
    assert _years(people_counted(user=mona, unit=CountingUnit.PROSECUTED)) == {
        2012: 2,
        2013: 3,
        2019: 4,
    }
    assert _years(people_counted(user=mona, unit=CountingUnit.SUSPECTS, year="offence")) == {
        2012: 2,
        2013: 3,
        2016: 1,
        2017: 1,
        2019: 4,
    }
    funnel = case_funnel(user=mona)
    assert funnel.columns == ["2012", "2013", "2016", "2017", "2019"]


def test_a_circle_sees_only_its_own_historical_cases_in_figures(mona: User) -> None:
    _sample(mona)
    lahore = User.objects.create_user(
        username="lio", unit=Case.objects.get(fir_number="45/2013").unit, role="io"
    )
    assert _years(people_counted(user=lahore, unit=CountingUnit.CONVICTED)) == {2015: 3}
    assert people_counted(user=lahore, unit=CountingUnit.VICTIMS) == []


def test_it_asks_for_the_columns_it_cannot_find_and_saves_the_chosen_mapping(
    mona: User,
) -> None:
    lines = ("Daftar,Muqadma,Tareekh,Jurm", "AHTC-LHR,9/2014,01/02/2014,PPC 371-B")
    asked = _csv(mona, *lines)
    assert set(asked.mapping_problems) == {"unit", "fir_number", "fir_date", "sections"}
    assert not Case.objects.exists()
    chosen = {
        "unit": "Daftar",
        "fir_number": "Muqadma",
        "fir_date": "Tareekh",
        "sections": "Jurm",
    }
    result = _csv(mona, *lines, mapping=chosen)
    assert not result.waiting and len(result.created) == 1
    assert saved_ledger_mapping() == chosen
    assert not _csv(mona, lines[0], "AHTC-LHR,10/2014,01/03/2014,PPC 371-B").waiting


@pytest.mark.parametrize("who", ["alice", "anne", "hana", "carl", "adam"])
def test_only_the_monitoring_cell_imports_ledgers(who: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        _sample(user)
    assert not Case.objects.exists()


def test_ledger_victims_keep_each_age_group_the_sum_of_its_bands(mona: User) -> None:
    _sample(mona)
    officer = User.objects.create_user(
        username="gio", unit=Case.objects.get(fir_number="12/2012").unit, role="io"
    )
    tables = unit_tables(user=officer, unit=CountingUnit.VICTIMS)  # own unit: whole counts
    groups = {row.code: row.total for row in tables["age_group"].rows}
    bands = {row.code: row.total for row in tables["age_band"].rows}
    assert groups == {"child": 1, "adult": 1, "": 1}
    assert bands == {"child_age_unknown": 1, "adult_age_unknown": 1, "": 1}
    assert {row.code: row.total for row in tables["sex"].rows} == {"M": 1, "F": 1, "U": 1}
    assert unit_tables(user=mona, unit=CountingUnit.VICTIMS)["age_band"].k == 11


def test_it_tells_the_headings_from_a_title_of_several_cells(mona: User) -> None:
    result = _csv(
        mona,
        "FIA AHTC Lahore,Register of cases,2015",
        HEADINGS,
        "AHTC-LHR,1/2015,03/04/2015,PPC 371-A,FIR,,,",
    )
    assert not result.waiting and len(result.created) == 1
    assert any("Register of cases" in note for note in result.notes)


def test_ledger_victims_count_in_the_district_of_the_offence(mona: User) -> None:
    _sample(mona)
    victims = people_counted(user=mona, unit=CountingUnit.VICTIMS)
    districts = sorted(c.categories["offence_district"][0] for c in victims)
    assert districts == ["PB-GUJRANWALA"] * 3 + ["PB-MULTAN"] + ["PB-RAWALPINDI"] * 2


def test_it_skips_a_case_registered_in_htms_whatever_the_case_of_its_fir_number(
    mona: User,
) -> None:
    officer = User.objects.create_user(
        username="lio", unit=Unit.objects.get(code="AHTC-LHR"), role="io"
    )
    live = case(by=officer, unit="AHTC-LHR", year=2015)
    row = f"AHTC-LHR,{live.fir_number.lower()},01/03/2015,PPC 371-A,FIR,,,"
    result = _csv(mona, HEADINGS, row)
    assert not result.waiting and result.created == [] and result.already == [2]
    assert Case.objects.count() == 1


def test_it_keeps_the_chosen_columns_when_rows_are_refused(mona: User) -> None:
    chosen = {"unit": "Daftar", "fir_number": "Muqadma", "fir_date": "Tareekh", "sections": "Jurm"}
    lines = ("Daftar,Muqadma,Tareekh,Jurm", "AHTC-LHR,9/2014,,PPC 371-B")
    waiting = _csv(mona, *lines, mapping=chosen)
    assert waiting.problems and not Case.objects.exists()
    assert saved_ledger_mapping() == chosen
