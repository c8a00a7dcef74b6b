"""How the pages show parties: the name the viewer may see, and whether they were a minor."""

from dataclasses import dataclass

from htms.accounts.models import User
from htms.cases.models import ADULT_AGE, Case, CaseParty, case_offence_date
from htms.cases.selectors_timeline import TimelineEntry, case_timeline
from htms.persons.access import identity_visibility
from htms.web.models import CaseDocument


@dataclass
class PartyView:
    party: CaseParty
    name: str
    name_ur: str
    identity_visible: bool
    minor: bool


def party_views(user: User, case: Case) -> list[PartyView]:
    """The case's parties as this user may see them: a protected person without need-to-know
    appears under a pseudonym. One query beyond the case's prefetched parties."""
    on = case_offence_date(case)
    parties = list(case.parties.all())
    visibility = identity_visibility(user, [p.person_id for p in parties])
    views = []
    for party in parties:
        visible = visibility[party.person_id]
        person = party.person
        age = person.youngest_age_on(on)
        views.append(
            PartyView(
                party,
                person.full_name or person.full_name_ur if visible else person.pseudonym,
                person.full_name_ur if visible else "",
                visible,
                minor=age is not None and age < ADULT_AGE,
            )
        )
    return views


def case_timeline_for(
    case: Case, *, parties: list[PartyView], documents: list[CaseDocument]
) -> list[TimelineEntry]:
    """The case's timeline as the page and the API show it: parties under the names the viewer
    may see (``party_views``), and the case's documents on their dates."""
    names = {p.party.pk: p.name for p in parties}
    return case_timeline(
        case,
        party_name=lambda party: names[party.pk],
        extra=[TimelineEntry(d.date, "document", d.get_kind_display(), d.title) for d in documents],
    )
