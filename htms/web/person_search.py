"""The person search page's results: each candidate of the register search as the viewer may
see it. Identity goes through ``htms.persons.presenters`` like every other page: a person whose
identity the viewer may not see appears under the pseudonym, without reasons or numbers."""

from dataclasses import dataclass, field

from htms.accounts.models import User
from htms.identity.present import candidate_out
from htms.identity.search import Candidate
from htms.persons.access import persons_visible_among
from htms.persons.presenters import IdentityView, identity_views


@dataclass(frozen=True)
class PersonHit:
    ident: IdentityView
    openable: bool  # the person page would answer, not 404
    score: float = 0.0
    cnics: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def person_hits(*, user: User, candidates: list[Candidate]) -> list[PersonHit]:
    """The candidates in their order, masked where the identity rule says so."""
    views = identity_views(user, [c.person for c in candidates])
    openable = persons_visible_among(user, views)
    hits = []
    for candidate in candidates:
        ident = views[candidate.person.pk]
        shown = ident.person_id in openable
        if not ident.visible:
            hits.append(PersonHit(ident, shown))
            continue
        out = candidate_out(candidate)
        hits.append(PersonHit(ident, shown, out.score, out.cnics, out.reasons, out.conflicts))
    return hits
