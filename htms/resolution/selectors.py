"""Reads for the review pages: the queue, one pair side by side, a person's merged view."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.common.dates import partial_date_text
from htms.persons.access import person_get_for_user, person_queryset_for_user
from htms.persons.models import Person
from htms.persons.presenters import IdentityView, identity_view, identity_views
from htms.persons.validators import format_cnic
from htms.resolution import guards
from htms.resolution.access import links_for_user
from htms.resolution.models import ClusterMember, LinkStatus, MatchLink, ReviewDecision

# The key of ``MatchLink.reasons`` that holds why the pair waits for a person.
REVIEW_RULE = "review_rule"

# Rows of the side-by-side page: label, comparison whose reason applies.
COMPARED_FIELDS = (
    (_("Name"), "name"),
    (_("Father's or husband's name"), "father"),
    (_("Date of birth"), "birth"),
    (_("Sex"), "sex"),
    (_("CNIC"), "cnic"),
    (_("Passport"), "passport"),
    (_("Phone"), "phone"),
    (_("Claimed nationality"), "nationality"),
    (_("District"), "district"),
)


def review_queue(*, user: User) -> QuerySet[MatchLink]:
    """Pairs waiting for a decision in the user's queue, most likely first."""
    return (
        links_for_user(user)
        .filter(status=LinkStatus.NEEDS_REVIEW)
        .select_related("person_a", "person_b")
        .order_by("-probability", "id")
    )


@dataclass(frozen=True)
class ComparedRow:
    label: str
    left: str
    right: str
    agreement: str  # full, partial, none, unknown
    level: str


def _values(person: Person) -> dict[str, str]:
    documents = list(person.documents.all())
    cnics = [format_cnic(d.number) for d in documents if d.kind == "cnic"]
    passports = [d.number for d in documents if d.kind == "passport"]
    born = partial_date_text(person.birth_date, person.birth_date_precision)
    addresses = [str(a.district) for a in person.addresses.all() if a.district_id]
    return {
        "name": " / ".join(n for n in (person.full_name, person.full_name_ur) if n),
        "father": " / ".join(n for n in (person.father_name, person.father_name_ur) if n),
        "birth": born,
        "sex": person.get_sex_display(),
        "cnic": ", ".join(cnics),
        "passport": ", ".join(passports),
        "phone": ", ".join(p.number for p in person.phones.all()),
        "nationality": str(person.nationality or ""),
        "district": ", ".join(addresses),
    }


# Why the pipeline sent a pair to a person, in the supervisor's words (``guards.RULES``).
REVIEW_RULE_TEXT = {
    guards.ONE_DIGIT: _("The CNICs differ by one digit: a typing slip or another person."),
    guards.FAMILY: _(
        "Same father's name or household phone, given names only alike: "
        "perhaps brothers or sisters."
    ),
    guards.APART: _("Born years apart: perhaps namesakes, such as cousins."),
    guards.THIN: _(
        "Only the names agree: no number in common, no date of birth, no district in common."
    ),
    guards.CROSSED: _(
        "One record is of a victim or smuggled migrant, the other of an accused: "
        "only a supervisor may join them."
    ),
    guards.BELOW: _("The match is not strong enough to join the records without a person."),
    guards.UNLIKE: _("The names are not alike enough, or the CNIC or sex differs."),
    guards.REFUSED: _(
        "Joining them would put two different CNICs, or a victim and an accused, "
        "in one person, or rests on this one pair alone."
    ),
}


def pair_review_rule(link: MatchLink) -> str:
    """Why the run sent the pair to review, "" if it did not say (older runs, links)."""
    rule = link.reasons.get(REVIEW_RULE, "")
    return str(REVIEW_RULE_TEXT.get(rule, ""))


def _masked_values(ident: IdentityView) -> dict[str, str]:
    return {key: "" for _label, key in COMPARED_FIELDS} | {"name": ident.name, "sex": ident.sex}


def pair_comparison(user: User, link: MatchLink) -> list[ComparedRow]:
    """The two records field by field, with what the model found for each field. The
    chokepoint shows a pair only when both identities are visible; a record whose identity is
    not would still show only its pseudonym and sex."""
    persons = {
        p.pk: p
        for p in Person.objects.filter(pk__in=[link.person_a_id, link.person_b_id])
        .select_related("nationality")
        .prefetch_related("documents", "phones", "addresses__district")
    }
    idents = identity_views(user, persons.values())
    left, right = (
        _values(persons[pid]) if idents[pid].visible else _masked_values(idents[pid])
        for pid in (link.person_a_id, link.person_b_id)
    )
    rows = []
    for label, key in COMPARED_FIELDS:
        reason = link.reasons.get(key, {})
        rows.append(
            ComparedRow(
                str(label),
                left[key] or "—",
                right[key] or "—",
                reason.get("agreement", "unknown"),
                reason.get("level", ""),
            )
        )
    return rows


def pair_decision(link: MatchLink) -> ReviewDecision | None:
    return (
        ReviewDecision.objects.filter(person_a_id=link.person_a_id, person_b_id=link.person_b_id)
        .select_related("decided_by")
        .first()
    )


@dataclass(frozen=True)
class MergedView:
    person: IdentityView
    others: list[IdentityView]
    # Other person id -> the pair the user may open (to undo the merge: "not the same").
    pairs: dict[int, int]


def merged_view(*, user: User, person_id: int) -> MergedView:
    """The person (404 if the user may not see them) and the other records of their cluster
    that the user may see with their identity. Without need-to-know on the person, no other
    record is shown: listing them next to a pseudonym would tie it to their names."""
    person = person_get_for_user(user=user, person_id=person_id)
    ident = identity_view(user, person)
    membership = ClusterMember.objects.filter(person=person).first()
    if not ident.visible or membership is None:
        return MergedView(ident, [], {})
    member_ids = ClusterMember.objects.filter(cluster_id=membership.cluster_id).exclude(
        person=person
    )
    candidates = list(
        person_queryset_for_user(user)
        .filter(pk__in=member_ids.values("person_id"))
        .select_related("nationality")
        .order_by("pk")
    )
    seen = identity_views(user, candidates, details=True)
    others = [p for p in candidates if seen[p.pk].visible]
    return MergedView(ident, [seen[p.pk] for p in others], _pairs_with(user, person, others))


def _pairs_with(user: User, person: Person, others: list[Person]) -> dict[int, int]:
    ids = [p.pk for p in others]
    links = links_for_user(user).filter(
        Q(person_a=person, person_b_id__in=ids) | Q(person_b=person, person_a_id__in=ids)
    )
    pairs = {}
    for link_id, a, b in links.values_list("id", "person_a_id", "person_b_id"):
        pairs[b if a == person.pk else a] = link_id
    return pairs
