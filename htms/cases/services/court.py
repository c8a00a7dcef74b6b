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
    PartyRole,
    Stage,
    StageChange,
    TransitionStatus,
    Verdict,
    VerdictOutcome,
    verdict_stands_convicted,
)
from htms.cases.services.effective import effective_date_check
from htms.cases.services.verdicts import JudgmentContext, judgment_context, verdict_rows
from htms.common.versioning import lock_at_version
from htms.reference.models import Court

COURT_STAGES = frozenset({Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN, Stage.TRIAL, Stage.APPEAL})
NOT_IN_COURT = _("Hearings are recorded once a challan is in court.")
NEXT_DATE_BEFORE = _("The next date must be after the hearing.")
HEARING_BEFORE_FIR = _("A hearing cannot be before the FIR was registered.")
WITNESS_NOT_PARTY = _("Every witness due must be a party to this case.")
JUDGMENT_STAGE = _("A judgment is recorded at trial or on appeal.")
JUDGMENT_INCOMPLETE = _("Give a verdict for every accused on trial on every offence: missing %s.")


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


def _check_complete(ctx: JudgmentContext, rows: list[Verdict]) -> None:
    """At trial, every accused before the court needs a verdict on every offence not already
    finally judged (a retrial covers only what was remanded)."""
    on_trial = CaseParty.objects.filter(case=ctx.case, role=PartyRole.ACCUSED).exclude(
        accused_status__in=[
            AccusedStatus.AT_LARGE,
            AccusedStatus.PROCLAIMED,
            AccusedStatus.CUSTODY_ABROAD,
        ]
    )
    given = {(r.accused.pk, r.offence.pk) for r in rows}
    missing = [
        f"{p.person} / {o.statute}"
        for p in on_trial.select_related("person")
        for o in ctx.offences.values()
        if (p.pk, o.pk) not in given and _awaits_trial(ctx.chains.get((p.pk, o.pk), []))
    ]
    if missing or not rows:
        raise ValidationError({"verdicts": JUDGMENT_INCOMPLETE % ", ".join(missing or ["all"])})


def _awaits_trial(chain: list[Verdict]) -> bool:
    return not chain or chain[-1].outcome == VerdictOutcome.REMANDED


def _update_accused_status(ctx: JudgmentContext, rows: list[Verdict]) -> None:
    """Convicted while any offence stands convicted; acquitted once every offence is finally
    decided without a conviction; unchanged while a retrial is pending."""
    chains = {pair: [v.outcome for v in chain] for pair, chain in ctx.chains.items()}
    for r in rows:
        chains.setdefault((r.accused.pk, r.offence.pk), []).append(r.outcome)
    for party_id in {r.accused.pk for r in rows}:
        standing = [
            verdict_stands_convicted(outcomes)
            for (accused_id, _offence_id), outcomes in chains.items()
            if accused_id == party_id
        ]
        if True in standing:
            status = AccusedStatus.CONVICTED
        elif None in standing:
            continue
        else:
            status = AccusedStatus.ACQUITTED
        CaseParty.objects.filter(pk=party_id).update(accused_status=status)


def _verdict_changes(rows: list[Verdict]) -> list[dict[str, object]]:
    return [
        {
            "accused": r.accused.pk,
            "offence": r.offence.pk,
            "level": r.level,
            "outcome": r.outcome,
            "basis": r.basis,
            "sentence_kind": r.sentence_kind,
            "sentence_years": r.sentence_years,
            "sentence_months": r.sentence_months,
            "fine": [r.fine_amount, r.fine_currency],
            "compensation": [r.compensation_amount, r.compensation_currency],
        }
        for r in rows
    ]


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
    """Records the verdicts per accused per offence of one judgment, at trial (or a retrial) or
    on appeal, and moves the case to judgment as of the judgment's ``date`` (back to trial when
    a verdict remands). Writers of the case's unit."""
    case_get_for_user(user=actor, case_id=case_id, write=True)
    case = lock_at_version(Case, pk=case_id, expected_version=expected_version)
    if case.stage not in (Stage.TRIAL, Stage.APPEAL):
        raise ValidationError({"stage": str(JUDGMENT_STAGE)})
    effective_date_check(case=case, day=date, backdate_reason=backdate_reason, field="date")
    court = _court(court_id)
    on_appeal = case.stage == Stage.APPEAL
    ctx = judgment_context(case=case, court=court, day=date, on_appeal=on_appeal)
    rows = verdict_rows(ctx, verdicts)
    if not on_appeal:
        _check_complete(ctx, rows)
    Verdict.objects.bulk_create(rows)
    _update_accused_status(ctx, rows)
    remanded = any(r.outcome == VerdictOutcome.REMANDED for r in rows)
    old = case.stage
    case.stage, case.court = (Stage.TRIAL if remanded else Stage.JUDGMENT), court
    case.save(update_fields=["stage", "court", "version"])
    now = timezone.now()
    StageChange.objects.create(
        case=case,
        from_stage=old,
        to_stage=case.stage,
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
            "stage": {"old": old, "new": case.stage},
            "effective_on": date,
            "backdate_reason": backdate_reason.strip(),
            "court": court.pk,
            "verdicts": _verdict_changes(rows),
        },
    )
    return rows
