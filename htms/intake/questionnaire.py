"""The screening interview: questions built on the UN definition of trafficking (an act, by a
means, for the purpose of exploitation) and the HTCDS indicators, and the classification they
suggest. The officer confirms the suggestion or changes it with a reason.

Rules, in order:
1. Possible victim of trafficking: an act and a purpose of exploitation, and a means (for a
   child no means is needed); or a strong indicator alone (sold, debt bondage); or a minor
   with any indicator of exploitation.
2. Smuggled migrant: paid someone to arrange an irregular journey or crossed a border
   irregularly, without the elements above.
3. Otherwise: other irregular migrant.
A minor is always flagged, whatever the classification.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from htms.intake.models import Classification

ACT, MEANS, PURPOSE, INDICATOR, SMUGGLING = "act", "means", "purpose", "indicator", "smuggling"


@dataclass(frozen=True)
class Question:
    key: str
    element: str
    text: Promise
    # The UN element an HTCDS indicator also proves, if any.
    implies: tuple[str, ...] = ()


QUESTIONS: tuple[Question, ...] = (
    Question("recruited", ACT, _("Did someone recruit you or offer you work or travel abroad?")),
    Question("transported", ACT, _("Did someone arrange or provide your transport?")),
    Question("handed_over", ACT, _("Were you handed over from one person to another?")),
    Question("harboured", ACT, _("Were you kept or housed by the people who moved you?")),
    Question("force", MEANS, _("Were you threatened, or was force used against you?")),
    Question("abducted", MEANS, _("Were you taken against your will?")),
    Question("deceived", MEANS, _("Were you lied to about the journey, the pay or the work?")),
    Question(
        "vulnerability",
        MEANS,
        _("Did someone take advantage of your poverty, debt, family or status?"),
    ),
    Question("paid_controller", MEANS, _("Was money paid to a person who had control over you?")),
    Question(
        "sexual", PURPOSE, _("Were you made to sell sex or take part in sexual acts for others?")
    ),
    Question("forced_labour", PURPOSE, _("Were you made to work against your will or unpaid?")),
    Question("servitude", PURPOSE, _("Were you kept as a servant you could not leave?")),
    Question("organ", PURPOSE, _("Were you asked or made to give an organ?")),
    Question("forced_marriage", PURPOSE, _("Were you married against your will?")),
    Question("begging", PURPOSE, _("Were you made to beg or commit crimes for others?")),
    Question(
        "deceived_job", INDICATOR, _("Deceived about the nature of the job"), implies=(MEANS,)
    ),
    Question("debt_bondage", INDICATOR, _("Debt bondage"), implies=(MEANS, PURPOSE)),
    Question("documents_withheld", INDICATOR, _("Identity or travel documents withheld"), (MEANS,)),
    Question("movement_restricted", INDICATOR, _("Movement restricted"), implies=(MEANS,)),
    Question("abuse", INDICATOR, _("Physical, sexual or psychological abuse"), implies=(MEANS,)),
    Question("sold", INDICATOR, _("Sold or bought"), implies=(ACT, MEANS)),
    Question("minor", INDICATOR, _("Under 18 at the time")),
    Question(
        "paid_agent", SMUGGLING, _("Did you pay an agent to arrange the journey or the crossing?")
    ),
    Question(
        "irregular_crossing",
        SMUGGLING,
        _("Did you cross a border without valid documents or avoiding the checks?"),
    ),
)
QUESTION_KEYS = frozenset(q.key for q in QUESTIONS)
STRONG_INDICATORS = frozenset({"sold", "debt_bondage"})
EXPLOITATION_INDICATORS = frozenset(
    {"deceived_job", "debt_bondage", "documents_withheld", "movement_restricted", "abuse", "sold"}
)
ELEMENT_LABELS = {
    ACT: _("Act"),
    MEANS: _("Means"),
    PURPOSE: _("Purpose of exploitation"),
    INDICATOR: _("HTCDS indicators"),
    SMUGGLING: _("Smuggling"),
}


@dataclass(frozen=True)
class Suggestion:
    classification: str
    minor: bool
    reasons: tuple[str, ...]


def _elements(yes: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {ACT: [], MEANS: [], PURPOSE: [], INDICATOR: [], SMUGGLING: []}
    for q in QUESTIONS:
        if q.key in yes:
            found[q.element].append(q.key)
            for element in q.implies:
                found[element].append(q.key)
    return found


def suggest(answers: dict[str, bool], *, minor_by_age: bool) -> Suggestion:
    """The classification the answers suggest, and why. Unknown keys are ignored."""
    yes = {k for k, v in answers.items() if v and k in QUESTION_KEYS}
    minor = minor_by_age or "minor" in yes
    found = _elements(yes)
    reasons = tuple(
        f"{ELEMENT_LABELS[element]}: {', '.join(sorted(set(keys)))}"
        for element, keys in found.items()
        if keys
    )
    act, means, purpose = bool(found[ACT]), bool(found[MEANS]), bool(found[PURPOSE])
    exploited = bool(yes & EXPLOITATION_INDICATORS)
    if (
        (act and purpose and (means or minor))
        or yes & STRONG_INDICATORS
        or (minor and (exploited or purpose))
    ):
        return Suggestion(Classification.POSSIBLE_VICTIM, minor, reasons)
    if found[SMUGGLING]:
        return Suggestion(Classification.SMUGGLED_MIGRANT, minor, reasons)
    return Suggestion(Classification.OTHER_MIGRANT, minor, reasons)
