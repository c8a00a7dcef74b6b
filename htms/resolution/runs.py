"""``register_resolve``: one batch run over the national register, stored in one transaction."""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
from django.db import transaction
from django.utils import timezone

from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.resolution import guards
from htms.resolution.model import HTMS_SETTINGS, ModelSpec
from htms.resolution.models import (
    DECISION_STATUS,
    ClusterMember,
    LinkStatus,
    MatchLink,
    PersonCluster,
    ResolutionRun,
    ReviewDecision,
)
from htms.resolution.pipeline import LINK, Resolution, resolve
from htms.resolution.register import RegisterSnapshot, register_snapshot
from htms.resolution.selectors import REVIEW_RULE

BATCH = 5000


def reasons_for(gammas: dict[str, int], labels: dict[str, dict[int, str]]) -> dict[str, Any]:
    """What agreed and what did not, per comparison, in words."""
    reasons = {}
    for comparison, gamma in gammas.items():
        levels = labels.get(comparison, {})
        top = max(levels) if levels else 0
        if gamma < 0:
            agreement = "unknown"
        elif gamma == top:
            agreement = "full"
        elif gamma == 0:
            agreement = "none"
        else:
            agreement = "partial"
        reasons[comparison] = {"level": levels.get(gamma, ""), "agreement": agreement}
    return reasons


def _with_rule(reasons: dict[str, Any], rule: int) -> dict[str, Any]:
    """The rule that sent a pair to review (``guards.RULES``), beside the comparisons."""
    if rule:
        reasons[REVIEW_RULE] = guards.RULES[rule]
    return reasons


def _status(decision: str | None, auto: bool) -> str:
    if decision is not None:
        return DECISION_STATUS[decision]  # type: ignore[index]
    return LinkStatus.AUTO_LINKED if auto else LinkStatus.NEEDS_REVIEW


def _links(run: ResolutionRun, snapshot: RegisterSnapshot, result: Resolution) -> list[MatchLink]:
    """The run's pairs. Decisions are read again here, inside the transaction: one taken while
    the run was scoring still sets its pair's status (its clusters follow at the next run)."""
    decisions = dict(snapshot.decisions)
    for a, b, decision in ReviewDecision.objects.values_list(
        "person_a_id", "person_b_id", "decision"
    ):
        decisions[(a, b)] = decision
    pairs = result.pairs
    ids = snapshot.person_ids
    gamma_columns = [c for c in pairs.columns if c.startswith("gamma_")]
    a_ids, b_ids = ids[pairs["left"].to_numpy()], ids[pairs["right"].to_numpy()]
    links = []
    for i, row in enumerate(pairs.itertuples(index=False)):
        a, b = sorted((int(a_ids[i]), int(b_ids[i])))
        gammas = {c[6:]: int(getattr(row, c)) for c in gamma_columns}
        links.append(
            MatchLink(
                run=run,
                person_a_id=a,
                person_b_id=b,
                probability=float(row.probability),
                status=_status(decisions.get((a, b)), row.decision == LINK),
                reasons=_with_rule(reasons_for(gammas, result.level_labels), int(row.review_rule)),
            )
        )
    return links


def _clusters(run: ResolutionRun, person_ids: np.ndarray, labels: np.ndarray) -> int:
    """Replaces every stored cluster with this run's; returns how many were stored."""
    ClusterMember.objects.all().delete()
    PersonCluster.objects.all().delete()
    frame = pd.DataFrame({"label": labels, "person": person_ids})
    sizes = frame.groupby("label")["person"].transform("size")
    multi = frame[sizes > 1]
    groups = multi.groupby("label")["person"].apply(list)
    clusters = PersonCluster.objects.bulk_create(
        [PersonCluster(run=run) for _ in range(len(groups))], batch_size=BATCH
    )
    members = [
        ClusterMember(cluster=cluster, person_id=int(pid))
        for cluster, persons in zip(clusters, groups, strict=True)
        for pid in persons
    ]
    ClusterMember.objects.bulk_create(members, batch_size=BATCH)
    return len(clusters)


def register_resolve(
    *, settings: ModelSpec = HTMS_SETTINGS, log: Callable[[str], None] | None = None
) -> ResolutionRun:
    """Resolves every person of the register and stores the pairs and clusters, replacing
    those of earlier runs; decisions are kept and applied. Runs as the system: one audit
    row records the run. Person rows are only read."""
    started = timezone.now()
    snapshot = register_snapshot()
    if log:
        log(f"read {len(snapshot.person_ids)} persons")
    result = resolve(snapshot.records, settings=settings, constraints=snapshot.constraints)
    if log:
        log(f"scored {len(result.pairs)} pairs in {sum(result.timings.values()):.0f} s")
        for note in result.notes:
            log(note)
    return _store(started, snapshot, result, settings)


@transaction.atomic
def _store(
    started: Any, snapshot: RegisterSnapshot, result: Resolution, settings: ModelSpec
) -> ResolutionRun:
    run = ResolutionRun.objects.create(
        started_at=started,
        params={
            "model": settings.name,
            "auto_link": settings.auto_link,
            "review_from": settings.review_from,
            "seed": settings.seed,
            "trained": result.parameters,
            "notes": result.notes,
        },
    )
    MatchLink.objects.exclude(run=run).delete()
    links = _links(run, snapshot, result)
    MatchLink.objects.bulk_create(links, batch_size=BATCH)
    clusters = _clusters(run, snapshot.person_ids, result.labels)
    statuses = pd.Series([link.status for link in links], dtype=object).value_counts()
    run.counts = {
        "persons": result.records,
        "candidate_pairs": result.candidate_pairs,
        "links": {str(k): int(v) for k, v in statuses.items()},
        "clusters": clusters,
        "decisions_applied": len(snapshot.constraints.together) + len(snapshot.constraints.apart),
        "seconds": result.timings,
    }
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        object_type=AuditObject.RESOLUTION_RUN,
        object_id=run.pk,
        changes={"counts": run.counts, "persons_read": result.records},
    )
    return run
