"""The recruiter check answers plainly, across Latin and Urdu spellings, and shows a wanted or
convicted agent only once a second person approved the notice for publication."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.public.selectors import Verdict, public_warnings_for, recruiter_check
from htms.public.services.notices import NoticeInput, notice_approve, notice_create
from htms.public.services.promoters import promoters_import
from htms.public.tests.support import (
    CANCELLED,
    LICENSED,
    SUSPENDED,
    anonymous,
    promoters_csv,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 4)


@pytest.fixture
def promoters(adam: User) -> None:
    expired = ["OEP-0999/ISB", "Blue Sky Travels", "", "", "valid", "2026-11-30"]
    rows = [LICENSED, CANCELLED, SUSPENDED, expired]
    promoters_import(actor=adam, stream=promoters_csv(rows), filename="list.csv")


def _verdicts(query: str) -> list[str]:
    return [p.verdict for p in recruiter_check(query=query, today=TODAY).promoters]


def test_it_finds_a_promoter_by_licence_number_as_typed(promoters: None) -> None:
    assert _verdicts("oep-1234/rwp") == [Verdict.VALID]
    assert _verdicts(" OEP-1234/RWP ") == [Verdict.VALID]


def test_it_finds_a_promoter_by_name_in_latin_and_urdu_spellings(promoters: None) -> None:
    for query in ("Muhammad Asif Manpower", "Mohd Aasif", "محمد آصف", "asif muhammad"):
        assert _verdicts(query) == [Verdict.CANCELLED], query


def test_it_finds_a_promoter_by_phone_in_any_form(promoters: None) -> None:
    for query in ("03217654321", "+92 321 7654321", "0321-7654321"):
        assert _verdicts(query) == [Verdict.CANCELLED], query


def test_it_tells_suspended_and_expired_licences(promoters: None) -> None:
    assert _verdicts("Sea Breeze") == [Verdict.SUSPENDED]
    assert _verdicts("Blue Sky Travels") == [Verdict.EXPIRED]


def test_it_finds_nothing_for_an_unknown_agent_or_a_too_short_query(promoters: None) -> None:
    assert recruiter_check(query="Rana Travel Consultants", today=TODAY).promoters == []
    assert recruiter_check(query="al", today=TODAY).promoters == []


def test_it_answers_plainly_on_the_page(promoters: None) -> None:
    client = anonymous()
    page = client.get("/public/en/check/", {"q": "OEP-1234/RWP"}).content.decode()
    assert "Licensed, valid until 30 June 2030." in page
    page = client.get("/public/en/check/", {"q": "Muhammad Asif"}).content.decode()
    assert "Licence cancelled. Do not pay." in page
    page = client.get("/public/en/check/", {"q": "Rana Travel Consultants"}).content.decode()
    assert "Not licensed. Do not pay." in page


def test_it_answers_in_urdu(promoters: None) -> None:
    page = anonymous().get("/public/ur/check/", {"q": "OEP-2020/LHR"}).content.decode()
    assert "لائسنس منسوخ" in page


def _red_book(author: User) -> int:
    data = NoticeInput(
        name="Shahid Iqbal", alias="Shahid Gujjar", district="Gujrat", status="wanted"
    )
    return notice_create(actor=author, data=data).pk


def test_it_shows_a_red_book_agent_only_after_approval(adam: User, mona: User) -> None:
    notice_id = _red_book(adam)
    client = anonymous()
    assert public_warnings_for(query="Shahid Iqbal") == []
    page = client.get("/public/en/check/", {"q": "Shahid Iqbal"}).content.decode()
    assert "Wanted by the FIA" not in page and "Gujrat" not in page
    assert "Not licensed. Do not pay." in page
    notice_approve(actor=mona, notice_id=notice_id)
    page = client.get("/public/en/check/", {"q": "شاہد اقبال"}).content.decode()
    assert "Wanted by the FIA. Do not pay this person." in page
    assert "Gujrat" in page
    assert [w.name for w in public_warnings_for(query="Shahid Gujjar")] == ["Shahid Iqbal"]


def test_it_shows_a_convicted_agent_from_the_black_book(adam: User, mona: User) -> None:
    data = NoticeInput(name="Zulfiqar Ali Butt", status="convicted")
    notice_approve(actor=mona, notice_id=notice_create(actor=adam, data=data).pk)
    page = anonymous().get("/public/en/check/", {"q": "Zulfikar Butt"}).content.decode()
    assert "Convicted of trafficking or smuggling. Do not pay this person." in page


def test_it_needs_a_second_person_to_approve(adam: User, alice: User) -> None:
    notice_id = _red_book(adam)
    with pytest.raises(ValidationError):
        notice_approve(actor=adam, notice_id=notice_id)
    assert public_warnings_for(query="Shahid Iqbal") == []
