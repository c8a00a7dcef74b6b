"""Importing an existing agents list: mapping by headings, matching by CNIC, correction list."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.intelligence.importer import ImportResult, ListGrading, agents_import
from htms.intelligence.models import DossierFact
from htms.intelligence.tests.support import accused_of
from htms.persons.models import Person
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db

GRADING = ListGrading("FIA agents list 2026", "C", "3", "H2")
LIST = (
    "Agents known to the circle\n"
    "Name,Father Name,CNIC,Alias,Status,Area\n"
    "Imran Butt,Muhammad Akram,35202-7654321-1,Billa,Arrested,Gujrat\n"
    "Shahid Iqbal,Iqbal Hussain,35202-1112223-5,Shadi,On bail,Mandi Bahauddin\n"
    ",No name,,x,active,\n"
    "Karim Dad,Dad Muhammad,35202-99,Kaka,active,\n"
)


def _import(user: User, text: str = LIST) -> ImportResult:
    return agents_import(
        actor=user, stream=io.BytesIO(text.encode()), name="agents.csv", grading=GRADING
    )


def test_it_matches_by_cnic_creates_the_others_and_refuses_bad_rows(
    alice: User, tip_case: Case
) -> None:
    result = _import(alice)
    imran = accused_of(tip_case)
    assert result.matched == [imran.pk]
    [created] = result.created
    assert Person.objects.get(pk=created).full_name == "Shahid Iqbal"
    assert [r.number for r in result.refused] == [5, 6]
    assert {f.value for f in DossierFact.objects.filter(person=imran)} == {
        "Billa",
        "arrested",
        "Gujrat",
    }
    fact = DossierFact.objects.filter(person_id=created, kind="status").get()
    assert (fact.value, fact.source_kind, fact.grading) == ("on_bail", "manual", "C3 H2")
    assert fact.source_reference == "FIA agents list 2026, row 4"
    assert AuditEvent.objects.filter(object_type="agent_list", object_id="import").exists()


def test_it_refuses_a_row_without_a_fact_unless_a_status_is_given(alice: User) -> None:
    text = "Name,CNIC\nNadeem Khan,35202-4445556-7\n"
    assert len(_import(alice, text).refused) == 1
    assert not Person.objects.exists()
    result = agents_import(
        actor=alice,
        stream=io.BytesIO(text.encode()),
        name="a.csv",
        grading=ListGrading("List", "B", "2", "H1", status="active"),
    )
    assert len(result.created) == 1


def test_the_page_imports_and_lists_the_rows_to_correct(alice: User, tip_case: Case) -> None:
    upload = SimpleUploadedFile("agents.csv", LIST.encode())
    answer = client_for(alice).post(
        "/intelligence/agents/import/",
        {
            "file": upload,
            "source_reference": "FIA list",
            "reliability": "C",
            "credibility": "3",
            "handling_code": "H2",
        },  # fmt: skip
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "The row has no name." in html
    assert "Karim Dad" in html  # a row to correct shows its values


def test_the_page_explains_an_unreadable_file(alice: User) -> None:
    upload = SimpleUploadedFile("agents.xls", b"\xd0\xcf\x11\xe0" + b"0" * 100)
    answer = client_for(alice).post(
        "/intelligence/agents/import/",
        {
            "file": upload,
            "source_reference": "L",
            "reliability": "C",
            "credibility": "3",
            "handling_code": "H2",
        },  # fmt: skip
    )
    assert answer.status_code == 200
    assert 'class="error"' in answer.content.decode()
    assert not Person.objects.exists()


def test_readers_may_not_import(mona: User) -> None:
    assert client_for(mona).get("/intelligence/agents/import/").status_code == 403
