"""Supervisors' decisions on pairs, and the cluster changes they make. Atomic and audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.models import PROTECTED_ROLES, CaseParty, PartyRole
from htms.persons.models import DocumentKind, IdentityDocument
from htms.resolution import clustering
from htms.resolution.access import link_get_for_user
from htms.resolution.models import (
    DECISION_STATUS,
    ClusterMember,
    Decision,
    LinkStatus,
    MatchLink,
    PersonCluster,
    ReviewDecision,
)

ALREADY_DECIDED = "This pair was already decided; that decision stands."
NOT_A_DECISION = "Choose one answer: same person, not the same person, or cannot tell."
NOTE_TOO_LONG = "Keep the note under 1000 characters."
NOTE_LIMIT = 1000


def _check(decision: str, note: str) -> None:
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _(NOT_A_DECISION)
    if len(note) > NOTE_LIMIT:
        errors["note"] = _(NOTE_TOO_LONG)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def decision_record(*, actor: User, link_id: int, decision: str, note: str = "") -> ReviewDecision:
    """Records a reviewer's answer for a pair in their queue (``access.links_for_user``, 404
    otherwise) and re-forms the clusters: "same" joins the two records' clusters, "not the
    same" and "cannot tell" split them apart if they were together. A pair is decided once:
    a second answer is refused. Person rows are never changed. One audit row."""
    _check(decision, note.strip())
    link = link_get_for_user(user=actor, link_id=link_id)
    MatchLink.objects.select_for_update().filter(pk=link.pk).first()
    a, b = link.person_a_id, link.person_b_id
    if ReviewDecision.objects.filter(person_a_id=a, person_b_id=b).exists():
        raise ValidationError({"decision": _(ALREADY_DECIDED)})
    record = ReviewDecision(
        person_a_id=a,
        person_b_id=b,
        decision=decision,
        decided_by=actor,
        note=note.strip(),
        probability=link.probability,
    )
    record.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError({"decision": _(ALREADY_DECIDED)}) from None
    MatchLink.objects.filter(person_a_id=a, person_b_id=b).update(
        status=DECISION_STATUS[Decision(decision)]
    )
    before = _cluster_of(a), _cluster_of(b)
    clusters = _join(a, b, link) if decision == Decision.SAME else _split(a, b)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.REVIEW_DECISION,
        object_id=record.pk,
        changes={
            "persons": [a, b],
            "decision": decision,
            "note": record.note,
            "probability": link.probability,
            "clusters": {"old": list(before), "new": clusters},
        },
    )
    return record


def _cluster_of(person_id: int) -> int | None:
    return (
        ClusterMember.objects.filter(person_id=person_id)
        .values_list("cluster_id", flat=True)
        .first()
    )


def _join(a: int, b: int, link: MatchLink) -> list[int]:
    """Puts both records, and everything clustered with them, in one cluster."""
    members = ClusterMember.objects.select_for_update().filter(person_id__in=[a, b])
    found = {m.person_id: m.cluster_id for m in members}
    targets = sorted(set(found.values()))
    cluster_id = targets[0] if targets else PersonCluster.objects.create(run=link.run).pk
    for other in targets[1:]:
        ClusterMember.objects.filter(cluster_id=other).update(cluster_id=cluster_id)
        PersonCluster.objects.filter(pk=other).delete()
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster_id=cluster_id, person_id=pid) for pid in (a, b) if pid not in found
    )
    return [cluster_id]


def _split(a: int, b: int) -> list[int]:
    """If both records share a cluster, forms it again from its links and decisions, with
    the two kept apart."""
    cluster_id = _cluster_of(a)
    if cluster_id is None or cluster_id != _cluster_of(b):
        return [c for c in (_cluster_of(a), _cluster_of(b)) if c is not None]
    cluster = PersonCluster.objects.select_for_update().get(pk=cluster_id)
    persons = sorted(
        ClusterMember.objects.filter(cluster=cluster).values_list("person_id", flat=True)
    )
    labels = clustering.cluster(len(persons), _edges(persons), **_rules(persons))
    cluster.members.all().delete()
    cluster.delete()
    groups: dict[int, list[int]] = {}
    for position, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(persons[position])
    created = []
    for group in groups.values():
        if len(group) > 1:
            new = PersonCluster.objects.create(run=cluster.run)
            ClusterMember.objects.bulk_create(
                ClusterMember(cluster=new, person_id=p) for p in group
            )
            created.append(new.pk)
    return created


def _edges(persons: list[int]) -> list[clustering.Edge]:
    position = {pid: i for i, pid in enumerate(persons)}
    links = MatchLink.objects.filter(
        person_a_id__in=persons,
        person_b_id__in=persons,
        status__in=[LinkStatus.AUTO_LINKED, LinkStatus.DECIDED_SAME],
    ).values_list("person_a_id", "person_b_id", "probability")
    return [clustering.Edge(position[a], position[b], p) for a, b, p in links]


def _rules(persons: list[int]) -> dict[str, Any]:
    """The clustering rules of these persons: CNICs, roles and decisions."""
    position = {pid: i for i, pid in enumerate(persons)}
    cnics: list[str | None] = [None] * len(persons)
    documents = IdentityDocument.objects.filter(person_id__in=persons, kind=DocumentKind.CNIC)
    for pid, number in documents.order_by("-id").values_list("person_id", "number"):
        cnics[position[pid]] = number
    roles = CaseParty.objects.filter(person_id__in=persons).values_list("person_id", "role")
    decisions = ReviewDecision.objects.filter(
        person_a_id__in=persons, person_b_id__in=persons
    ).values_list("person_a_id", "person_b_id", "decision")
    return {
        "cnics": cnics,
        "protected": {position[p] for p, role in roles if role in PROTECTED_ROLES},
        "accused": {position[p] for p, role in roles if role == PartyRole.ACCUSED},
        "together": [(position[x], position[y]) for x, y, d in decisions if d == Decision.SAME],
        "apart": [(position[x], position[y]) for x, y, d in decisions if d != Decision.SAME],
    }
