"""Proposing a referral with the person's consent, and moving it through its states.

The referring unit's case writers propose, send and may close a referral; the organisation's
caseworkers accept or decline it, start and complete the service. For an organisation without
caseworkers in HTMS (a hospital, an embassy) the referring unit records its answers.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.access import case_get_for_user
from htms.cases.models import ADULT_AGE, PROTECTED_ROLES, CaseParty
from htms.common.errors import NotAllowedError, StaleEditError
from htms.helpline.access import call_get_for_user, call_may_write, call_taker
from htms.helpline.models import Call
from htms.intake.access import border_event_get_for_user
from htms.intake.services.screening import referral_record
from htms.persons.access import person_get_for_user, person_identity_visible
from htms.persons.inputs import PersonInput
from htms.persons.models import DatePrecision, Person, Sex
from htms.persons.services import person_create
from htms.protection.access import (
    referral_get_for_user,
    referral_is_referrer,
    referral_is_server,
    referral_refers,
)
from htms.protection.models import (
    ConsentBy,
    CourtMeasure,
    Organisation,
    Referral,
    ReferralSource,
    ReferralState,
    ServiceType,
    SharedField,
)

NOT_A_VICTIM = _("Only a victim or smuggled migrant of this case can be referred from it.")
UNKNOWN_PERSON = _("Choose a person whose identity your unit may see.")
CALL_TAKERS_ONLY = _(
    "A referral after a help-line call is made from the call's page, by a call-taker of its "
    "help line."
)
BAD_SOURCE = _(
    "Say where the referral comes from: a case, a border screening, a call or a walk-in."
)
BAD_ORGANISATION = _("Choose an active organisation of the directory.")
SERVICE_NOT_OFFERED = _("This organisation does not offer this service.")
SEX_NOT_ACCEPTED = _("This organisation does not accept persons of this sex.")
AGE_NOT_ACCEPTED = _("This organisation does not accept persons of this age.")
MINOR_CONSENT = _(
    "For a child, record the consent of a parent or guardian, or a best-interest decision."
)
ADULT_CONSENT = _("An adult gives consent personally.")
BEST_INTEREST_NOTE = _("Write down the best-interest decision: who decided, and why.")
BAD_SHARED = _("Unknown fields to share: %s.")
ILLEGAL_MOVE = _("A referral that is “%(old)s” cannot become “%(new)s”.")
NEEDS_REASON = _("Give the reason.")
ALREADY_WITHDRAWN = _("Consent has already been withdrawn.")

BORDER_KIND = {
    ServiceType.SHELTER: "shelter",
    ServiceType.MEDICAL: "medical",
    ServiceType.LEGAL_AID: "legal_aid",
    ServiceType.CHILD_PROTECTION: "child_protection",
}


@dataclass
class ReferralInput:
    source: str
    organisation_id: int | None
    service: str
    consent_by: str
    shared_fields: list[str] = field(default_factory=list)
    consent_note: str = ""
    reason: str = ""
    person_id: int | None = None  # a walk-in, a call, or a victim of the case
    case_id: int | None = None
    event_id: int | None = None
    call_id: int | None = None
    # The person a call-taker refers from a call: not yet in the register, written with it.
    called: PersonInput | None = None
    send: bool = False
    is_synthetic: bool = False


@dataclass
class Origin:
    person: Person
    minor: bool
    case_id: int | None = None
    event_id: int | None = None
    call: Call | None = None


def _minor_today(person: Person) -> bool:
    age = person.youngest_age_on(timezone.localdate())
    return age is not None and age < ADULT_AGE


def called_person(*, full_name: str, sex: str, birth_year: int | None) -> PersonInput:
    """The person a call-taker describes: name, sex and, if known, the year of birth (kept at
    the year's precision, never an invented day)."""
    return PersonInput(
        full_name=full_name, sex=sex or Sex.UNKNOWN,
        birth_date=date(birth_year, 1, 1) if birth_year else None,
        birth_date_precision=DatePrecision.YEAR if birth_year else "",
    )  # fmt: skip


def _origin_from_call(actor: User, data: ReferralInput) -> Origin:
    """The person a call-taker describes, not saved yet: the checks of the organisation and of
    consent need their sex and age before anything is written."""
    call = call_get_for_user(user=actor, call_id=data.call_id or 0)
    if not call_may_write(actor, call):
        raise ValidationError({"source": [str(CALL_TAKERS_ONLY)]})
    given = data.called or PersonInput()
    person = Person(
        full_name=given.full_name.strip(), sex=given.sex, birth_date=given.birth_date,
        birth_date_precision=given.birth_date_precision,
    )  # fmt: skip
    return Origin(person, _minor_today(person), call=call)


def referral_origin(actor: User, data: ReferralInput) -> Origin:
    """The person referred and where from, through the access rule of that source. Call-takers
    refer from the calls of their help line, and only they do."""
    if call_taker(actor) != (data.source == ReferralSource.HELPLINE):
        raise ValidationError({"source": [str(CALL_TAKERS_ONLY)]})
    if data.source == ReferralSource.HELPLINE:
        return _origin_from_call(actor, data)
    if data.source == ReferralSource.CASE:
        case = case_get_for_user(user=actor, case_id=data.case_id or 0, write=True)
        party = (
            CaseParty.objects.filter(
                case=case, person_id=data.person_id or 0, role__in=PROTECTED_ROLES
            )
            .select_related("person")
            .first()
        )
        if party is None:
            raise ValidationError({"person_id": [str(NOT_A_VICTIM)]})
        return Origin(party.person, _minor_today(party.person), case_id=case.pk)
    if data.source == ReferralSource.SCREENING:
        event = border_event_get_for_user(user=actor, event_id=data.event_id or 0, write=True)
        screening = getattr(event, "screening", None)
        minor = event.minor_by_age or bool(screening and screening.minor)
        return Origin(event.person, minor, event_id=event.pk)
    if data.source not in ReferralSource.values:
        raise ValidationError({"source": [str(BAD_SOURCE)]})
    person = person_get_for_user(user=actor, person_id=data.person_id or 0)
    if not person_identity_visible(actor, person):
        raise ValidationError({"person_id": [str(UNKNOWN_PERSON)]})
    return Origin(person, _minor_today(person))


def _organisation_errors(
    org: Organisation | None, data: ReferralInput, origin: Origin
) -> dict[str, list[str]]:
    if org is None:
        return {"organisation_id": [str(BAD_ORGANISATION)]}
    errors: dict[str, list[str]] = {}
    if data.service not in org.services:
        errors["service"] = [str(SERVICE_NOT_OFFERED)]
    if org.accepts_sex != "any" and origin.person.sex != org.accepts_sex:
        errors["organisation_id"] = [str(SEX_NOT_ACCEPTED)]
    age = origin.person.youngest_age_on(timezone.localdate())
    too_young = age is not None and org.min_age is not None and age < org.min_age
    too_old = age is not None and org.max_age is not None and age > org.max_age
    if too_young or too_old:
        errors["organisation_id"] = [str(AGE_NOT_ACCEPTED)]
    return errors


def _consent_errors(data: ReferralInput, minor: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if minor and data.consent_by not in (ConsentBy.GUARDIAN, ConsentBy.BEST_INTEREST):
        errors["consent_by"] = [str(MINOR_CONSENT)]
    if not minor and data.consent_by != ConsentBy.PERSON:
        errors["consent_by"] = [str(ADULT_CONSENT)]
    if data.consent_by == ConsentBy.BEST_INTEREST and not data.consent_note.strip():
        errors["consent_note"] = [str(BEST_INTEREST_NOTE)]
    unknown = sorted(set(data.shared_fields) - set(SharedField.values))
    if unknown:
        errors["shared_fields"] = [str(BAD_SHARED) % ", ".join(unknown)]
    return errors


def _record_at_border(actor: User, referral: Referral, event_id: int) -> None:
    """The border intake's own record of the referral: marks the event referred."""
    border = referral_record(
        actor=actor,
        event_id=event_id,
        to_kind=BORDER_KIND.get(ServiceType(referral.service), "ngo"),
        referred_on=timezone.localdate(),
        organisation=referral.organisation.name,
        note=str(referral.reference),
    )
    referral.border_referral = border
    referral.save(update_fields=["border_referral"])


@transaction.atomic
def referral_propose(*, actor: User, data: ReferralInput) -> Referral:
    """Case writers of a unit propose (and, with ``send``, send) a referral of a person they
    handle. Writes the referral and one audit row; from a border screening also the event's
    referral record."""
    if not referral_refers(actor):
        raise NotAllowedError()
    origin = referral_origin(actor, data)
    org = Organisation.objects.filter(pk=data.organisation_id or 0, active=True).first()
    errors = _organisation_errors(org, data, origin) | _consent_errors(data, origin.minor)
    if errors:
        raise ValidationError(errors)
    assert org is not None
    if origin.person.pk is None:
        origin.person = person_create(
            actor=actor, data=data.called or PersonInput(), is_synthetic=data.is_synthetic
        )
    now = timezone.now()
    referral = Referral(
        person=origin.person, source=data.source, case_id=origin.case_id,
        border_event_id=origin.event_id, call=origin.call,
        from_unit_id=actor.unit_id or 0, organisation=org, service=data.service,
        reason=data.reason.strip(), minor=origin.minor, consent_by=data.consent_by,
        consent_note=data.consent_note.strip()[:300],
        shared_fields=[f for f in SharedField.values if f in data.shared_fields],
        proposed_at=now, created_by=actor, is_synthetic=data.is_synthetic,
        state=ReferralState.SENT if data.send else ReferralState.PROPOSED,
        sent_at=now if data.send else None,
    )  # fmt: skip
    referral.full_clean()
    referral.save()
    if origin.event_id is not None:
        _record_at_border(actor, referral, origin.event_id)
    audit_record(
        actor=actor, action=AuditAction.CREATE, object_type=AuditObject.PROTECTION_REFERRAL,
        object_id=referral.pk,
        changes={
            "person": origin.person.pk, "organisation": org.pk, "service": data.service,
            "source": data.source, "call": referral.call_id, "state": referral.state,
            "minor": origin.minor, "consent_by": data.consent_by,
            "shared": referral.shared_fields,
        },
    )  # fmt: skip
    return referral


# Who may make each move: "referrer" (the referring unit), "server" (the organisation's
# caseworkers, or the referring unit for an organisation without caseworkers), or both.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (ReferralState.PROPOSED, ReferralState.SENT): frozenset({"referrer"}),
    (ReferralState.PROPOSED, ReferralState.CLOSED): frozenset({"referrer"}),
    (ReferralState.SENT, ReferralState.ACCEPTED): frozenset({"server"}),
    (ReferralState.SENT, ReferralState.DECLINED): frozenset({"server"}),
    (ReferralState.SENT, ReferralState.CLOSED): frozenset({"referrer"}),
    (ReferralState.ACCEPTED, ReferralState.IN_SERVICE): frozenset({"server"}),
    (ReferralState.ACCEPTED, ReferralState.CLOSED): frozenset({"referrer", "server"}),
    (ReferralState.IN_SERVICE, ReferralState.COMPLETED): frozenset({"server"}),
    (ReferralState.IN_SERVICE, ReferralState.CLOSED): frozenset({"referrer", "server"}),
}
NEEDS_A_REASON = frozenset({ReferralState.DECLINED, ReferralState.CLOSED})
STAMP = {
    ReferralState.SENT: "sent_at",
    ReferralState.ACCEPTED: "answered_at",
    ReferralState.DECLINED: "answered_at",
    ReferralState.IN_SERVICE: "service_started_at",
    ReferralState.COMPLETED: "ended_at",
    ReferralState.CLOSED: "ended_at",
}


def referral_sides(user: User, referral: Referral) -> set[str]:
    """The sides ``user`` acts for on ``referral``: "referrer", "server", both or none."""
    sides = set()
    if referral_is_referrer(user, referral):
        sides.add("referrer")
        if referral.organisation.unit_id is None:
            sides.add("server")
    if referral_is_server(user, referral):
        sides.add("server")
    return sides


def referral_moves(user: User, referral: Referral) -> list[str]:
    """The states ``user`` may move ``referral`` to now."""
    sides = referral_sides(user, referral)
    return [new for (old, new), who in TRANSITIONS.items() if old == referral.state and who & sides]


def _locked(actor: User, referral_id: int, expected_version: int | None) -> Referral:
    referral = referral_get_for_user(user=actor, referral_id=referral_id)
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError()
    referral.version = locked.version
    referral.state = locked.state
    return referral


def _check_move(actor: User, referral: Referral, to_state: str, reason: str) -> None:
    who = TRANSITIONS.get((referral.state, to_state))
    if who is None:
        old, new = ReferralState(referral.state).label, dict(ReferralState.choices).get(to_state)
        raise ValidationError({"state": [str(ILLEGAL_MOVE) % {"old": old, "new": new or to_state}]})
    if not who & referral_sides(actor, referral):
        raise NotAllowedError()
    if to_state in NEEDS_A_REASON and not reason.strip():
        raise ValidationError({"reason": [str(NEEDS_REASON)]})


@transaction.atomic
def referral_move(
    *, actor: User, referral_id: int, to_state: str, reason: str = "",
    expected_version: int | None = None,
) -> Referral:  # fmt: skip
    """Moves the referral along ``TRANSITIONS`` for the side the actor acts for; declining and
    closing need a reason. One audit row with the old and new state."""
    referral = _locked(actor, referral_id, expected_version)
    _check_move(actor, referral, to_state, reason)
    old = referral.state
    referral.state = to_state
    fields = ["state", "version", STAMP[ReferralState(to_state)]]
    setattr(referral, STAMP[ReferralState(to_state)], timezone.now())
    if to_state == ReferralState.DECLINED:
        referral.state_reason = reason.strip()[:300]
        fields.append("state_reason")
    if to_state == ReferralState.CLOSED:
        referral.closure_reason = reason.strip()[:300]
        fields.append("closure_reason")
    referral.version += 1
    referral.save(update_fields=fields)
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=AuditObject.PROTECTION_REFERRAL,
        object_id=referral.pk,
        changes={"state": {"old": old, "new": to_state}, "reason": reason.strip()},
    )  # fmt: skip
    return referral


@transaction.atomic
def referral_consent_withdraw(*, actor: User, referral_id: int, note: str = "") -> Referral:
    """Records that the person (or guardian) withdrew consent: from now on the organisation
    sees the pseudonym only. Either side may record it."""
    referral = _locked(actor, referral_id, None)
    if not referral_sides(actor, referral):
        raise NotAllowedError()
    if referral.consent_withdrawn_at is not None:
        raise ValidationError({"consent": [str(ALREADY_WITHDRAWN)]})
    referral.consent_withdrawn_at = timezone.now()
    referral.version += 1
    referral.save(update_fields=["consent_withdrawn_at", "version"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=AuditObject.PROTECTION_REFERRAL,
        object_id=referral.pk,
        changes={"consent": {"old": "given", "new": "withdrawn"}, "note": note.strip()},
    )  # fmt: skip
    return referral


BAD_MEASURES = _("Unknown protection measures: %s.")
PAID_MORE = _("More cannot be paid than the court ordered.")


@transaction.atomic
def referral_court_record(
    *, actor: User, referral_id: int, measures: list[str], compensation_ordered: int | None,
    compensation_paid: int | None, expected_version: int | None = None,
) -> Referral:  # fmt: skip
    """Records the victim-witness's protection needs in court (screen, in camera, video link)
    and the compensation ordered and paid. Either side of the referral; a stale
    ``expected_version`` is refused (``StaleEditError``)."""
    referral = _locked(actor, referral_id, expected_version)
    if not referral_sides(actor, referral):
        raise NotAllowedError()
    unknown = sorted(set(measures) - set(CourtMeasure.values))
    errors: dict[str, list[str]] = {}
    if unknown:
        errors["court_measures"] = [str(BAD_MEASURES) % ", ".join(unknown)]
    if compensation_paid and (compensation_ordered or 0) < compensation_paid:
        errors["compensation_paid"] = [str(PAID_MORE)]
    if errors:
        raise ValidationError(errors)
    old = {
        "court_measures": referral.court_measures,
        "compensation_ordered": referral.compensation_ordered,
        "compensation_paid": referral.compensation_paid,
    }
    referral.court_measures = [m for m in CourtMeasure.values if m in measures]
    referral.compensation_ordered, referral.compensation_paid = (
        compensation_ordered, compensation_paid
    )  # fmt: skip
    referral.version += 1
    referral.save(update_fields=[*old, "version"])
    new = {key: getattr(referral, key) for key in old}
    audit_record(
        actor=actor, action=AuditAction.UPDATE, object_type=AuditObject.PROTECTION_REFERRAL,
        object_id=referral.pk, changes={"old": old, "new": new},
    )  # fmt: skip
    return referral
