"""The referred person as one viewer may see them, decided here and nowhere else.

The referring unit's writers see the person through the identity rule of HTMS
(``htms.persons.presenters.identity_view``). The organisation's caseworkers see the pseudonym,
sex and minority, plus exactly the fields the consent shares; once consent is withdrawn, the
pseudonym only. A template receives an ``IdentityView`` and cannot tell the two apart.

The caseworker's records on a referral are decided here too (``referral_care``): the pages and
the API show the same to the same user.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from django.db.models import prefetch_related_objects
from django.utils import timezone

from htms.accounts.models import User
from htms.persons.presenters import IdentityView, birth_date_text, identity_view, identity_views
from htms.protection.access import referral_is_referrer, referral_is_server
from htms.protection.models import (
    CaseNote,
    Referral,
    RiskAssessment,
    SharedField,
    ShelterStay,
    SupportPlan,
)
from htms.protection.selectors import HearingReminder, hearing_reminders, stay_days, stay_over_plan
from htms.protection.services.care import WORKING

# How far ahead the referral's hearings are shown to its caseworkers.
HEARINGS_AHEAD_DAYS = 365

DETAILED = {SharedField.DOCUMENTS, SharedField.PHONES, SharedField.ADDRESS}


def _consented(referral: Referral, *, details: bool = True) -> IdentityView:
    person = referral.person
    shared = set(referral.shared_fields) if referral.consent_active else set()
    if not details:
        shared -= DETAILED
    if shared & DETAILED:
        prefetch_related_objects([person], "documents", "phones", "addresses")
    named = SharedField.NAME in shared
    return IdentityView(
        person_id=person.pk,
        visible=named,
        pseudonym=person.pseudonym,
        name=(person.full_name or person.full_name_ur) if named else person.pseudonym,
        sex=person.get_sex_display(),
        is_synthetic=person.is_synthetic,
        name_ur=person.full_name_ur if named and person.full_name else "",
        father_name=person.father_name if SharedField.FATHER_NAME in shared else "",
        father_name_ur=person.father_name_ur if SharedField.FATHER_NAME in shared else "",
        birth_date=birth_date_text(person) if SharedField.BIRTH_DATE in shared else "",
        documents=[str(d) for d in person.documents.all()]
        if SharedField.DOCUMENTS in shared
        else [],
        phones=[str(p) for p in person.phones.all()] if SharedField.PHONES in shared else [],
        addresses=[a.text for a in person.addresses.all()] if SharedField.ADDRESS in shared else [],
    )


def referral_person_view(user: User, referral: Referral) -> IdentityView:
    """The person of ``referral`` as ``user`` may see them (``user`` already passed
    ``referral_get_for_user``)."""
    if referral_is_referrer(user, referral):
        return identity_view(user, referral.person, details=True)
    return _consented(referral)


def referral_person_views(user: User, referrals: list[Referral]) -> dict[int, IdentityView]:
    """Referral id -> the person's name as ``user`` may see it, for list pages (no numbers).
    At most two queries whatever the length of the list."""
    mine = [r for r in referrals if referral_is_referrer(user, r)]
    by_person = identity_views(user, [r.person for r in mine])
    views = {r.pk: by_person[r.person_id] for r in mine}
    views.update({r.pk: _consented(r, details=False) for r in referrals if r.pk not in views})
    return views


def referral_rows(user: User, referrals: list[Referral]) -> list[tuple[Referral, IdentityView]]:
    """Each referral with its person's name as ``user`` may see it, for the rows template."""
    views = referral_person_views(user, referrals)
    return [(r, views[r.pk]) for r in referrals]


class StayRow(NamedTuple):
    stay: ShelterStay
    days: int
    over_plan: bool


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up as shown: its note only to the organisation's caseworkers."""

    pk: int
    due_on: date
    done_on: date | None
    note: str


@dataclass(frozen=True)
class CareRecord:
    """The caseworker's records on one referral as one viewer may see them."""

    is_server: bool
    working: bool
    stays: list[StayRow]
    follow_ups: list[FollowUpRow]
    plans: list[SupportPlan]
    risks: list[RiskAssessment]
    notes: list[CaseNote]
    hearings: list[HearingReminder]

    @property
    def open_stay(self) -> ShelterStay | None:
        return next((row.stay for row in self.stays if row.stay.discharged_on is None), None)


def _hearings(user: User, referral: Referral, today: date) -> list[HearingReminder]:
    end = today + timedelta(days=HEARINGS_AHEAD_DAYS)
    ahead = hearing_reminders(user=user, start=today, end=end)
    return [h for h in ahead if h.referral.pk == referral.pk]


def referral_care(user: User, referral: Referral, today: date | None = None) -> CareRecord:
    """What ``user`` (who already passed ``referral_get_for_user``) sees of the records on
    ``referral``. Stays and follow-up dates go to both sides; plans, risk assessments, notes,
    follow-up notes and hearings to the organisation's caseworkers only (empty for the rest)."""
    today = today or timezone.localdate()
    server = referral_is_server(user, referral)
    stays = referral.stays.select_related("shelter")
    follow_ups = [
        FollowUpRow(f.pk, f.due_on, f.done_on, f.note if server else "")
        for f in referral.follow_ups.all()
    ]
    return CareRecord(
        is_server=server, working=server and referral.state in WORKING,
        stays=[StayRow(s, stay_days(s, today), stay_over_plan(s, today)) for s in stays],
        follow_ups=follow_ups,
        plans=list(referral.plans.select_related("written_by")) if server else [],
        risks=list(referral.risks.select_related("assessed_by")) if server else [],
        notes=list(referral.notes.select_related("written_by")) if server else [],
        hearings=_hearings(user, referral, today) if server else [],
    )  # fmt: skip
