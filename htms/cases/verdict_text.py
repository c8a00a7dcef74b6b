"""A verdict in words: its level and its sentence, as the timeline and pages print them."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from htms.cases.models import TRIAL_OUTCOMES, SentenceKind, Verdict


def verdict_level_text(verdict: Verdict) -> str:
    """ "Trial", "Retrial" (a trial outcome above level 0: after a remand) or "Appeal, level n"."""
    if verdict.level == 0:
        return _("Trial")
    if verdict.outcome in TRIAL_OUTCOMES:
        return _("Retrial")
    return _("Appeal, level %d") % verdict.level


def _term_text(years: int, months: int) -> str:
    parts = []
    if years:
        parts.append(ngettext("%d year", "%d years", years) % years)
    if months or not years:
        parts.append(ngettext("%d month", "%d months", months) % months)
    return " ".join(parts)


def verdict_sentence_text(verdict: Verdict) -> str:
    """The sentence, fine and compensation, and a compromise or plea, joined by semicolons."""
    parts = []
    if verdict.sentence_kind == SentenceKind.TERM:
        parts.append(_term_text(verdict.sentence_years or 0, verdict.sentence_months or 0))
    elif verdict.sentence_kind:
        parts.append(verdict.get_sentence_kind_display())
    if verdict.fine_amount:
        amount = f"{verdict.fine_amount:,.0f}"
        parts.append(
            _("fine %(currency)s %(amount)s")
            % {"currency": verdict.fine_currency, "amount": amount}
        )
    if verdict.compensation_amount:
        amount = f"{verdict.compensation_amount:,.0f}"
        values = {"currency": verdict.compensation_currency, "amount": amount}
        parts.append(_("compensation to the victims %(currency)s %(amount)s") % values)
    if verdict.basis:
        parts.append(verdict.get_basis_display())
    return "; ".join(parts)
