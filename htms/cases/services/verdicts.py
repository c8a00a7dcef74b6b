"""The verdicts of one judgment, checked against the levels below them.

A verdict's level is not chosen by the caller: at trial it is 0, or the level after a remand
(the retrial); on appeal it is the level after the accused's last verdict on that offence.
The rules each verdict must meet are listed in ``docs/data-model.md`` (Verdict).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from htms.cases.inputs import VerdictInput
from htms.cases.models import (
    APPEAL_OUTCOMES,
    CURRENCY_PATTERN,
    SENTENCE_FIELDS,
    SENTENCED_OUTCOMES,
    TRIAL_OUTCOMES,
    Case,
    CaseParty,
    Offence,
    PartyRole,
    SentenceKind,
    Verdict,
    VerdictBasis,
    VerdictOutcome,
    verdict_stands_convicted,
)
from htms.reference.models import COURT_RANK, Court

UNKNOWN_PAIR = _("Verdict %d names an accused or offence not in this case.")
PAIR_TWICE = _("Verdict %d repeats an accused and offence already given.")
BAD_OUTCOME = _("Verdict %d: “%s” is not an outcome at this level.")
ALREADY_JUDGED = _("Verdict %d: this accused was already judged on this offence; record an appeal.")
APPEAL_WITHOUT_JUDGMENT = _("Verdict %d: there is no judgment on this offence to appeal against.")
APPEAL_AGAINST_REMAND = _("Verdict %d: the case was remanded for retrial; record the retrial.")
APPEAL_COURT_NOT_HIGHER = _("Verdict %d: an appeal goes to a court above the one that judged.")
APPEAL_BEFORE_LOWER = _("Verdict %(n)d: the appeal must be decided after the judgment of %(day)s.")
NEEDS_CONVICTION = _("Verdict %d: only a conviction can be reversed, reduced or enhanced.")
SENTENCE_ONLY_ON_CONVICTION = _(
    "Verdict %d: only a conviction carries a sentence, fine or compensation."
)
SENTENCE_REQUIRED = _("Verdict %d: give the new sentence.")
TERM_NEEDS_LENGTH = _("Verdict %d: give the years or months of the term.")
LENGTH_ONLY_FOR_TERM = _("Verdict %d: years and months are given only for a term.")
COMPROMISE_NOT_COMPOUNDABLE = _(
    "Verdict %d: the law does not allow a compromise on this offence (not compoundable)."
)
COMPROMISE_ONLY_ACQUITS = _("Verdict %d: a compromise ends in an acquittal.")
PLEA_ONLY_CONVICTS = _("Verdict %d: a plea of guilty ends in a conviction.")
BAD_CURRENCY = _("Verdict %d: a currency is three capital letters (ISO 4217), such as PKR.")
NO_APPEAL_GIVEN = _("Give the outcome of at least one appeal.")

# Appeal outcomes that only make sense against a standing conviction.
REVERSALS = frozenset(
    {
        VerdictOutcome.ACQUITTED_ON_APPEAL,
        VerdictOutcome.SENTENCE_REDUCED,
        VerdictOutcome.SENTENCE_ENHANCED,
    }
)


@dataclass(frozen=True)
class JudgmentContext:
    """What every verdict of one judgment is checked against."""

    case: Case
    court: Court
    day: date
    on_appeal: bool
    accused: dict[int, CaseParty]
    offences: dict[str, Offence]
    # The verdicts already given, per (accused id, offence id), lowest level first.
    chains: dict[tuple[int, int], list[Verdict]]


def judgment_context(*, case: Case, court: Court, day: date, on_appeal: bool) -> JudgmentContext:
    chains: dict[tuple[int, int], list[Verdict]] = {}
    earlier = Verdict.objects.filter(case=case).select_related("court").order_by("level")
    for v in earlier:
        chains.setdefault((v.accused_id, v.offence_id), []).append(v)
    offences = Offence.objects.filter(case=case).select_related("statute")
    return JudgmentContext(
        case=case,
        court=court,
        day=day,
        on_appeal=on_appeal,
        accused={p.pk: p for p in CaseParty.objects.filter(case=case, role=PartyRole.ACCUSED)},
        offences={o.statute.code: o for o in offences},
        chains=chains,
    )


def verdict_rows(ctx: JudgmentContext, verdicts: list[VerdictInput]) -> list[Verdict]:
    """The new verdicts as unsaved rows; raises a ValidationError listing every wrong one."""
    rows, errors, seen = [], [], set()
    for n, given in enumerate(verdicts, start=1):
        try:
            row = _row(ctx, n, given)
            if (row.accused.pk, row.offence.pk) in seen:
                raise ValidationError(str(PAIR_TWICE) % n)
            seen.add((row.accused.pk, row.offence.pk))
            rows.append(row)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"verdicts": errors})
    if ctx.on_appeal and not rows:
        raise ValidationError({"verdicts": str(NO_APPEAL_GIVEN)})
    return rows


def _row(ctx: JudgmentContext, n: int, given: VerdictInput) -> Verdict:
    accused = ctx.accused.get(given.accused_party_id)
    offence = ctx.offences.get(given.statute_code)
    if accused is None or offence is None:
        raise ValidationError(str(UNKNOWN_PAIR) % n)
    chain = ctx.chains.get((accused.pk, offence.pk), [])
    allowed = APPEAL_OUTCOMES if ctx.on_appeal else TRIAL_OUTCOMES
    if given.outcome not in allowed:
        raise ValidationError(str(BAD_OUTCOME) % (n, given.outcome))
    level = _appeal_level(ctx, n, chain) if ctx.on_appeal else _trial_level(n, chain)
    row = Verdict(
        case=ctx.case,
        accused=accused,
        offence=offence,
        court=ctx.court,
        date=ctx.day,
        level=level,
        outcome=given.outcome,
        basis=given.basis,
        fine_currency=given.fine_currency.strip().upper() or "PKR",
        compensation_currency=given.compensation_currency.strip().upper() or "PKR",
    )
    _set_sentence(row, n, given, chain)
    _check_basis(row, n)
    return row


def _trial_level(n: int, chain: list[Verdict]) -> int:
    if not chain:
        return 0
    if chain[-1].outcome != VerdictOutcome.REMANDED:
        raise ValidationError(str(ALREADY_JUDGED) % n)
    return chain[-1].level + 1


def _appeal_level(ctx: JudgmentContext, n: int, chain: list[Verdict]) -> int:
    if not chain:
        raise ValidationError(str(APPEAL_WITHOUT_JUDGMENT) % n)
    lower = chain[-1]
    if lower.outcome == VerdictOutcome.REMANDED:
        raise ValidationError(str(APPEAL_AGAINST_REMAND) % n)
    if COURT_RANK[ctx.court.level] <= COURT_RANK[lower.court.level]:
        raise ValidationError(str(APPEAL_COURT_NOT_HIGHER) % n)
    if ctx.day <= lower.date:
        raise ValidationError(str(APPEAL_BEFORE_LOWER) % {"n": n, "day": date_format(lower.date)})
    return lower.level + 1


def _set_sentence(row: Verdict, n: int, given: VerdictInput, chain: list[Verdict]) -> None:
    """Sets the sentence, fine and compensation, after checking the outcome may carry them.

    An appeal that upholds a conviction keeps the lower sentence unless it states one."""
    lower_convicts = verdict_stands_convicted([v.outcome for v in chain]) is True
    if row.outcome in REVERSALS and not lower_convicts:
        raise ValidationError(str(NEEDS_CONVICTION) % n)
    carries = row.outcome in SENTENCED_OUTCOMES and (
        row.outcome != VerdictOutcome.UPHELD or lower_convicts
    )
    years, months = _term(given)
    kind = given.sentence_kind or (SentenceKind.TERM if years is not None else "")
    if not carries and (kind or given.fine_amount or given.compensation_amount):
        raise ValidationError(str(SENTENCE_ONLY_ON_CONVICTION) % n)
    if row.outcome == VerdictOutcome.UPHELD and lower_convicts and not kind:
        _copy_sentence(row, chain[-1])
        return
    if (
        row.outcome in (VerdictOutcome.SENTENCE_REDUCED, VerdictOutcome.SENTENCE_ENHANCED)
        and not kind
    ):
        raise ValidationError(str(SENTENCE_REQUIRED) % n)
    _check_term(n, kind, years)
    row.sentence_kind, row.sentence_years, row.sentence_months = kind, years, months
    row.fine_amount = _amount(given.fine_amount)
    row.compensation_amount = _amount(given.compensation_amount)
    for currency in (row.fine_currency, row.compensation_currency):
        if not re.fullmatch(CURRENCY_PATTERN, currency):
            raise ValidationError(str(BAD_CURRENCY) % n)


def _term(given: VerdictInput) -> tuple[int | None, int | None]:
    """Years and months of a term, months of 12 or more carried into years."""
    if given.sentence_years is None and given.sentence_months is None:
        return None, None
    total = (given.sentence_years or 0) * 12 + (given.sentence_months or 0)
    years, months = divmod(total, 12)
    return years, months


def _check_term(n: int, kind: str, years: int | None) -> None:
    if kind not in ("", *SentenceKind.values):
        raise ValidationError(str(BAD_OUTCOME) % (n, kind))
    if kind == SentenceKind.TERM and years is None:
        raise ValidationError(str(TERM_NEEDS_LENGTH) % n)
    if kind != SentenceKind.TERM and years is not None:
        raise ValidationError(str(LENGTH_ONLY_FOR_TERM) % n)


def _amount(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _copy_sentence(row: Verdict, lower: Verdict) -> None:
    for name in SENTENCE_FIELDS:
        setattr(row, name, getattr(lower, name))


def _check_basis(row: Verdict, n: int) -> None:
    if row.basis == VerdictBasis.COMPROMISE:
        if row.outcome not in (VerdictOutcome.ACQUITTED, VerdictOutcome.ACQUITTED_ON_APPEAL):
            raise ValidationError(str(COMPROMISE_ONLY_ACQUITS) % n)
        if not row.offence.statute.compoundable:
            raise ValidationError(str(COMPROMISE_NOT_COMPOUNDABLE) % n)
    elif row.basis == VerdictBasis.PLEA and row.outcome != VerdictOutcome.CONVICTED:
        raise ValidationError(str(PLEA_ONLY_CONVICTS) % n)
    elif row.basis not in ("", *VerdictBasis.values):
        raise ValidationError(str(BAD_OUTCOME) % (n, row.basis))
