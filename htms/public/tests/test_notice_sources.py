"""Notices prepared from the red book and the black book: prefilled from the entry and the
dossier, trimmed by the preparer, shown only after another person approves them, and a red-book
notice gone as soon as its entry is withdrawn or expires. Victims are never published."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.cases.models import Case, Stage
from htms.cases.tests.support import HIGH_COURT, judge, verdict_of
from htms.conftest import stage_move
from htms.intelligence.inputs import FactInput, NominationInput
from htms.intelligence.models import RedBookEntry
from htms.intelligence.red_book import red_book_decide, red_book_nominate, red_book_withdraw
from htms.intelligence.services import fact_create
from htms.intelligence.tests.support import accused_of, convict, victim_of
from htms.persons.models import Person
from htms.public.models import NoticeStatus, PublishedNotice
from htms.public.tests.support import anonymous
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

WANTED = "Wanted by the FIA"
CONVICTED = "Convicted of trafficking or smuggling"


def _fact(actor: User, person: Person, kind: str, **given: str) -> None:
    data = FactInput(
        kind=kind,
        source_kind="manual",
        source_reference="list 1",
        reliability="B",
        credibility="2",
        handling_code="H1",
        **given,
    )
    fact_create(actor=actor, person=person, data=data)


def _in_red_book(anne: User, mona: User, case: Case) -> RedBookEntry:
    agent = accused_of(case)
    _fact(anne, agent, "alias", value="Bhola")
    _fact(anne, agent, "area", district_code="PB-GUJRANWALA")
    data = NominationInput(reasons="Runs a Gulf ring", last_known_location="Shahdara")
    expires = timezone.localdate() + timedelta(days=90)
    entry = red_book_nominate(actor=anne, person_id=agent.pk, data=data, expires_on=expires)
    return red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=True)


def _check(query: str) -> str:
    return page(anonymous(), f"/public/en/check/?q={query}")


def test_a_red_book_agent_is_public_only_after_approval_and_gone_when_withdrawn(
    anne: User, mona: User, adam: User, tip_case: Case
) -> None:
    entry = _in_red_book(anne, mona, tip_case)
    address = f"/portal/notices/from/red-book/{entry.pk}/"
    assert address in page(client_for(mona), f"/intelligence/red-book/{entry.pk}/")
    draft = page(client_for(mona), address)
    assert "Imran Butt" in draft and "Bhola" in draft and "Gujranwala" in draft
    # The preparer keeps the alias and leaves the district out.
    client_for(mona).post(address, {"alias": "on"})
    notice = PublishedNotice.objects.get()
    assert (notice.name, notice.alias, notice.district) == ("Imran Butt", "Bhola", "")
    assert notice.status == NoticeStatus.WANTED and notice.red_book_entry == entry
    assert WANTED not in _check("Imran Butt")
    client_for(adam).post(f"/portal/notices/{notice.pk}/approve/")
    assert WANTED in _check("Imran Butt") and WANTED in _check("Bhola")
    red_book_withdraw(actor=mona, entry_id=entry.pk, expected_version=2, reason="Arrested")
    assert WANTED not in _check("Imran Butt")


def test_a_red_book_notice_goes_when_its_entry_expires(
    anne: User, mona: User, adam: User, tip_case: Case
) -> None:
    entry = _in_red_book(anne, mona, tip_case)
    client_for(mona).post(f"/portal/notices/from/red-book/{entry.pk}/", {})
    notice = PublishedNotice.objects.get()
    client_for(adam).post(f"/portal/notices/{notice.pk}/approve/")
    assert WANTED in _check("Imran Butt")
    RedBookEntry.objects.filter(pk=entry.pk).update(expires_on=timezone.localdate())
    assert WANTED not in _check("Imran Butt")


def test_a_black_book_agent_shows_as_convicted(
    anne: User, mona: User, adam: User, tip_case: Case
) -> None:
    convict(anne, tip_case)
    agent = accused_of(tip_case)
    address = f"/portal/notices/from/black-book/{agent.pk}/"
    assert address in page(client_for(mona), "/intelligence/black-book/")
    client_for(mona).post(address, {"alias": "on", "district": "on", "photo": "on"})
    notice = PublishedNotice.objects.get()
    assert notice.status == NoticeStatus.CONVICTED and notice.convicted_person == agent
    assert CONVICTED not in _check("Imran Butt")
    client_for(adam).post(f"/portal/notices/{notice.pk}/approve/")
    assert CONVICTED in _check("Imran Butt")
    # Acquitted on appeal: out of the black book, off the public check.
    stage_move(anne, tip_case, Stage.APPEAL, effective_on=date(2026, 11, 20))
    acquittal = verdict_of(tip_case, "appeal_acquitted")
    judge(anne, tip_case, acquittal, court=HIGH_COURT, day=date(2026, 11, 27))
    assert CONVICTED not in _check("Imran Butt")


def test_a_waiting_nomination_or_an_agent_never_convicted_is_refused(
    anne: User, mona: User, tip_case: Case
) -> None:
    agent = accused_of(tip_case)
    data = NominationInput(reasons="Runs a Gulf ring", last_known_location="Shahdara")
    expires = timezone.localdate() + timedelta(days=90)
    entry = red_book_nominate(actor=anne, person_id=agent.pk, data=data, expires_on=expires)
    waiting = client_for(mona).post(f"/portal/notices/from/red-book/{entry.pk}/", {})
    assert waiting.status_code == 400 and "approved and not expired" in waiting.content.decode()
    never = client_for(mona).post(f"/portal/notices/from/black-book/{agent.pk}/", {})
    assert never.status_code == 400 and "standing conviction" in never.content.decode()
    assert not PublishedNotice.objects.exists()


def test_a_victim_is_never_published(anne: User, mona: User, tip_case: Case) -> None:
    victim = victim_of(tip_case)
    _fact(anne, victim, "alias", value="Chhota")  # a dossier fact makes them an "agent"
    answer = client_for(mona).get(f"/portal/notices/from/black-book/{victim.pk}/")
    assert answer.status_code == 400 and "never published" in answer.content.decode()
    assert victim.full_name not in answer.content.decode()


def test_only_those_who_manage_notices_prepare_them(
    anne: User, mona: User, hana: User, tip_case: Case
) -> None:
    entry = _in_red_book(anne, mona, tip_case)
    assert "/portal/notices/from/" not in page(
        client_for(hana), f"/intelligence/red-book/{entry.pk}/"
    )
    for user in (anne, hana):
        answer = client_for(user).post(f"/portal/notices/from/red-book/{entry.pk}/", {})
        assert answer.status_code == 403
    assert not PublishedNotice.objects.exists()


def test_the_entry_photograph_goes_into_the_notice_unless_left_out(
    anne: User, mona: User, adam: User, tip_case: Case
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
    data = NominationInput(reasons="Runs a ring", last_known_location="Shahdara", photo=photo)
    expires = timezone.localdate() + timedelta(days=90)
    agent = accused_of(tip_case)
    entry = red_book_nominate(actor=anne, person_id=agent.pk, data=data, expires_on=expires)
    red_book_decide(actor=mona, entry_id=entry.pk, expected_version=1, approve=True)
    client_for(mona).post(f"/portal/notices/from/red-book/{entry.pk}/", {"photo": "on"})
    notice = PublishedNotice.objects.get()
    assert notice.photo and notice.photo.read().startswith(b"\x89PNG")
    client_for(adam).post(f"/portal/notices/{notice.pk}/approve/")
    assert anonymous().get(f"/public/en/notices/{notice.pk}/photo/").status_code == 200
    client_for(mona).post(f"/portal/notices/from/red-book/{entry.pk}/", {})
    assert not PublishedNotice.objects.exclude(pk=notice.pk).get().photo
