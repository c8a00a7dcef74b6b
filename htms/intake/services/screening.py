"""Recording the screening interview of a border event, and the referrals it prompts.
Writers of the event's post only."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import StaleEditError
from htms.intake.access import border_event_get_for_user
from htms.intake.models import (
    BorderEvent,
    Classification,
    IntakeStatus,
    Referral,
    ReferralTo,
    Screening,
)
from htms.intake.questionnaire import QUESTION_KEYS, QUESTIONS, Suggestion, suggest

REASON_FOR_CHANGE = _(
    "You changed the suggested classification: say why, so that a reviewer can follow it."
)
BAD_CLASSIFICATION = _(
    "Choose possible victim of trafficking, smuggled migrant or other irregular migrant."
)
UNKNOWN_QUESTIONS = _("Unknown questions: %s.")
BAD_REFERRAL = _("Say to whom the person is referred.")
REFERRAL_DATE = _("Give the date of the referral; it cannot be in the future.")
REFERRAL_BEFORE_EVENT = _("The referral cannot be before the border event.")


@dataclass
class ScreeningInput:
    answers: dict[str, bool]
    classification: str = ""  # empty: accept the suggestion
    change_reason: str = ""
    summary: str = ""
    expected_version: int | None = None  # of the screening, when changing one


def screening_suggestion(event: BorderEvent, answers: dict[str, bool]) -> Suggestion:
    return suggest(answers, minor_by_age=event.minor_by_age)


def _check(data: ScreeningInput, suggestion: Suggestion) -> str:
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(data.answers) - QUESTION_KEYS)
    if unknown:
        errors["answers"] = [str(UNKNOWN_QUESTIONS % ", ".join(unknown))]
    chosen = data.classification or suggestion.classification
    if chosen not in Classification.values:
        errors["classification"] = [str(BAD_CLASSIFICATION)]
    elif chosen != suggestion.classification and not data.change_reason.strip():
        errors["change_reason"] = [str(REASON_FOR_CHANGE)]
    if errors:
        raise ValidationError(errors)
    return chosen


def _existing(event: BorderEvent, expected_version: int | None) -> Screening | None:
    screening = Screening.objects.select_for_update().filter(event=event).first()
    if screening is not None and screening.version != expected_version:
        raise StaleEditError()
    return screening


@transaction.atomic
def screening_record(*, actor: User, event_id: int, data: ScreeningInput) -> Screening:
    """Records (or changes) the interview and the officer's classification. The first
    interview moves a registered person to "interviewed"."""
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    suggestion = screening_suggestion(event, data.answers)
    chosen = _check(data, suggestion)
    screening = _existing(event, data.expected_version)
    old = None if screening is None else screening.classification
    screening = screening or Screening(event=event)
    screening.answers = {q.key: bool(data.answers.get(q.key, False)) for q in QUESTIONS}
    screening.minor, screening.suggested = suggestion.minor, suggestion.classification
    screening.classification = chosen
    screening.change_reason = (
        data.change_reason.strip() if chosen != suggestion.classification else ""
    )
    screening.summary = data.summary.strip()
    screening.interviewed_by, screening.interviewed_at = actor, timezone.now()
    if screening.pk:
        screening.version += 1
    screening.full_clean(exclude=["event", "interviewed_by"])
    screening.save()
    if event.status == IntakeStatus.REGISTERED:
        BorderEvent.objects.filter(pk=event.pk).update(
            status=IntakeStatus.INTERVIEWED,
            claimed_by=None,
            claimed_at=None,
            version=F("version") + 1,
        )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if old else AuditAction.CREATE,
        object_type=AuditObject.SCREENING,
        object_id=screening.pk,
        changes={
            "event": event.pk,
            "classification": {"old": old, "new": chosen},
            "suggested": suggestion.classification,
            "minor": suggestion.minor,
            "answers": screening.answers,
        },
    )
    return screening


@transaction.atomic
def referral_record(
    *,
    actor: User,
    event_id: int,
    to_kind: str,
    referred_on: date | None,
    organisation: str = "",
    note: str = "",
) -> Referral:
    """Records to whom and when the person was referred, and marks the event referred."""
    event = border_event_get_for_user(user=actor, event_id=event_id, write=True)
    errors: dict[str, list[str]] = {}
    if to_kind not in ReferralTo.values:
        errors["to_kind"] = [str(BAD_REFERRAL)]
    if referred_on is None or referred_on > timezone.localdate():
        errors["referred_on"] = [str(REFERRAL_DATE)]
    elif referred_on < event.occurred_on:
        errors["referred_on"] = [str(REFERRAL_BEFORE_EVENT)]
    if errors:
        raise ValidationError(errors)
    assert referred_on is not None
    referral = Referral.objects.create(
        event=event,
        to_kind=to_kind,
        organisation=organisation.strip()[:200],
        referred_on=referred_on,
        note=note.strip()[:300],
        created_by=actor,
    )
    BorderEvent.objects.filter(pk=event.pk).update(
        status=IntakeStatus.REFERRED, claimed_by=None, claimed_at=None, version=F("version") + 1
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.REFERRAL,
        object_id=referral.pk,
        changes={
            "event": event.pk,
            "to": to_kind,
            "organisation": referral.organisation,
            "on": referred_on,
            "old_status": event.status,
        },
    )
    return referral
