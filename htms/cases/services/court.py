"""Hearings and judgments."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.access import case_get_for_user
from htms.cases.inputs import VerdictInput
from htms.cases.models import (
    AccusedStatus,
    Case,
    CaseParty,
    Hearing,
    Offence,
    PartyRole,
    Stage,
    StageChange,
    TransitionStatus,
    Verdict,
    VerdictOutcome,
)
from htms.cases.services.effective import effective_date_check
from htms.common.versioning import lock_at_version
from htms.reference.models import Court

COURT_STAGES = frozenset({Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN, Stage.TRIAL, Stage.APPEAL})
NOT_IN_COURT = _("Hearings are recorded once a challan is in court.")
NEXT_DATE_BEFORE = _("The next date must be after the hearing.")
HEARING_BEFORE_FIR = _("A hearing cannot be before the FIR was registered.")
WITNESS_NOT_PARTY = _("Every witness due must be a party to this case.")
JUDGMENT_STAGE = _("A judgment is recorded at trial or on appeal.")
JUDGMENT_INCOMPLETE = _("Give a verdict for every accused on trial on every offence: missing %s.")
SENTENCE_ONLY_ON_CONVICTION = _("Only a conviction carries a sentence or a fine.")


def _court(court_id: int) -> Court:
    court = Court.objects.filter(pk=court_id).first()
    if court is None:
        raise ValidationError({"court": _("Unknown court.")})
    return court


@transaction.atomic
def hearing_record(
    *,
    actor: User,
    case_id: int,
    court_id: int,
    date: date,
    purpose: str = "",
    outcome: str = "",
    next_date: date | None = None,
    witness_party_ids: list[int] | None = None,
    backdate_reason: str = "",
) -> Hearing:
    """Records a hearing held on ``date`` (or scheduled then, without an outcome) and the next
    date. Writers of the case's unit."""
    case = case_get_for_user(user=actor, case_id=case_id, write=True)
    if case.stage not in COURT_STAGES:
        raise ValidationError({"date": str(NOT_IN_COURT)})
    if next_date and next_date <= date:
        raise ValidationError({"next_date": str(NEXT_DATE_BEFORE)})
    if case.fir_date and date < case.fir_date:
        raise ValidationError({"date": str(HEARING_BEFORE_FIR)})
    # A hearing ahead is scheduled; one with an outcome has been held, so not in the future.
    effective_date_check(
        case=case,
        day=date,
        backdate_reason=backdate_reason,
        field="date",
        after_previous=False,
        allow_future=not outcome.strip(),
    )
    witnesses = list(CaseParty.objects.filter(case=case, pk__in=witness_party_ids or []))
    if len(witnesses) != len(set(witness_party_ids or [])):
        raise ValidationError({"witnesses_due": str(WITNESS_NOT_PARTY)})
    hearing = Hearing.objects.create(
        case=case,
        court=_court(court_id),
        date=date,
        purpose=purpose.strip(),
        outcome=outcome.strip(),
        next_date=next_date,
        recorded_by=actor,
        backdate_reason=backdate_reason.strip(),
    )
    hearing.witnesses_due.set(witnesses)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.HEARING,
        object_id=hearing.pk,
        changes={
            "case": case.pk,
            "date": date,
            "next_date": next_date,
            "outcome": outcome,
            "backdate_reason": hearing.backdate_reason,
        },
    )
    return hearing


def _verdict_rows(
    case: Case, verdicts: list[VerdictInput], court: Court, day: date, on_appeal: bool
) -> list[Verdict]:
    offences = {
        o.statute.code: o for o in Offence.objects.filter(case=case).select_related("statute")
    }
    accused = {p.pk: p for p in CaseParty.objects.filter(case=case, role=PartyRole.ACCUSED)}
    rows, errors = [], []
    for i, v in enumerate(verdicts):
        if v.accused_party_id not in accused or v.statute_code not in offences:
            errors.append(_("verdict %d names an accused or offence not in this case") % (i + 1))
            continue
        if v.outcome not in VerdictOutcome.values:
            errors.append(_("verdict %d has no valid outcome") % (i + 1))
            continue
        if v.outcome != VerdictOutcome.CONVICTED and (v.sentence_months or v.fine_pkr):
            raise ValidationError({"verdicts": str(SENTENCE_ONLY_ON_CONVICTION)})
        rows.append(
            Verdict(
                case=case,
                accused=accused[v.accused_party_id],
                offence=offences[v.statute_code],
                court=court,
                date=day,
                outcome=v.outcome,
                sentence_months=v.sentence_months,
                fine_pkr=v.fine_pkr,
                on_appeal=on_appeal,
            )
        )
    if errors:
        raise ValidationError({"verdicts": errors})
    return rows


def _check_complete(case: Case, rows: list[Verdict]) -> None:
    on_trial = CaseParty.objects.filter(case=case, role=PartyRole.ACCUSED).exclude(
        accused_status__in=[
            AccusedStatus.AT_LARGE,
            AccusedStatus.PROCLAIMED,
            AccusedStatus.CUSTODY_ABROAD,
        ]
    )
    given = {(r.accused.pk, r.offence.pk) for r in rows}
    offences = list(Offence.objects.filter(case=case).select_related("statute"))
    missing = [
        f"{p.person} / {o.statute}"
        for p in on_trial.select_related("person")
        for o in offences
        if (p.pk, o.pk) not in given
    ]
    if missing or not rows:
        raise ValidationError({"verdicts": JUDGMENT_INCOMPLETE % ", ".join(missing or ["all"])})


def _update_accused_status(rows: list[Verdict]) -> None:
    by_accused: dict[int, list[Verdict]] = {}
    for r in rows:
        by_accused.setdefault(r.accused.pk, []).append(r)
    for party_id, verdicts in by_accused.items():
        convicted = any(v.outcome == VerdictOutcome.CONVICTED for v in verdicts)
        CaseParty.objects.filter(pk=party_id).update(
            accused_status=AccusedStatus.CONVICTED if convicted else AccusedStatus.ACQUITTED
        )


@transaction.atomic
def case_record_judgment(
    *,
    actor: User,
    case_id: int,
    expected_version: int,
    court_id: int,
    date: date,
    verdicts: list[VerdictInput],
    backdate_reason: str = "",
) -> list[Verdict]:
    """Records the verdict per accused per offence and moves the case to judgment as of the
    judgment's ``date``. Writers of the case's unit, at trial or on appeal."""
    case_get_for_user(user=actor, case_id=case_id, write=True)
    case = lock_at_version(Case, pk=case_id, expected_version=expected_version)
    if case.stage not in (Stage.TRIAL, Stage.APPEAL):
        raise ValidationError({"stage": str(JUDGMENT_STAGE)})
    effective_date_check(case=case, day=date, backdate_reason=backdate_reason, field="date")
    court = _court(court_id)
    rows = _verdict_rows(case, verdicts, court, date, on_appeal=case.stage == Stage.APPEAL)
    _check_complete(case, rows)
    Verdict.objects.bulk_create(rows)
    _update_accused_status(rows)
    old = case.stage
    case.stage, case.court = Stage.JUDGMENT, court
    case.save(update_fields=["stage", "court", "version"])
    now = timezone.now()
    StageChange.objects.create(
        case=case,
        from_stage=old,
        to_stage=Stage.JUDGMENT,
        status=TransitionStatus.APPROVED,
        effective_on=date,
        backdate_reason=backdate_reason.strip(),
        court=court,
        requested_by=actor,
        requested_at=now,
        decided_by=actor,
        decided_at=now,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.CASE,
        object_id=case.pk,
        changes={
            "stage": {"old": old, "new": Stage.JUDGMENT},
            "effective_on": date,
            "backdate_reason": backdate_reason.strip(),
            "verdicts": [
                {
                    "accused": r.accused.pk,
                    "offence": r.offence.pk,
                    "outcome": r.outcome,
                    "sentence_months": r.sentence_months,
                    "fine_pkr": r.fine_pkr,
                }
                for r in rows
            ],
        },
    )
    return rows
