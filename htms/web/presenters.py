"""How the pages show parties: the name the viewer may see, and whether they were a minor."""

from dataclasses import dataclass

from htms.accounts.models import User
from htms.cases.models import ADULT_AGE, Case, CaseParty, case_offence_date
from htms.persons.access import identity_visibility


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
