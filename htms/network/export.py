"""``htms export ftm`` and ``htms export i2``: a case's network, a person's, or everything the
user may see, as FollowTheMoney entities (JSON lines) or as one CSV row per link for i2
Analyst's Notebook. Same scope, masking and audit as the pages: a protected person whose
identity the user may not see is exported under the pseudonym, without numbers, and the
phones, documents, addresses and accounts shown as hidden are left out."""

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.models import Case
from htms.common.errors import NotAllowedError
from htms.network.access import (
    NetworkScope,
    network_case_get,
    network_person_get,
    network_scope_for_user,
)
from htms.network.ftm import ftm_entities
from htms.network.graph import MAX_DEPTH, Network, neighbourhood
from htms.network.links import node_key
from htms.network.presenters import NetworkView, network_view

FTM, I2 = "ftm", "i2"
PURPOSE_MIN, PURPOSE_MAX = 10, 500
BATCH = 100
NO_LIMIT = 10**9
NOT_ALLOWED = "Your role may not export networks."
PURPOSE_NEEDED = "State the purpose of the export in 10 to 500 characters."
I2_COLUMNS = (
    "from_id", "from_type", "from_label", "link_type", "link_reason", "link_source",
    "link_grading", "link_handling_code", "link_grading_text", "link_start", "link_end",
    "directed", "to_id", "to_type", "to_label",
)  # fmt: skip


@dataclass(frozen=True)
class NetworkExportDone:
    entities: int
    links: int


def _merge(into: Network, other: Network) -> None:
    for key, ring in other.nodes.items():
        into.nodes.setdefault(key, ring)
    known = set(into.links)
    into.links += [link for link in other.links if link not in known]
    into.merged.update(other.merged)


def _everything(scope: NetworkScope) -> Network:
    """Every case the user may see, to depth 2 (its parties and what they hold), in batches."""
    cases = Case.objects.all() if scope.cases is None else Case.objects.filter(pk__in=scope.cases)
    ids = list(cases.values_list("pk", flat=True).order_by("pk"))
    whole = Network(roots=[], depth=2)
    for start in range(0, len(ids), BATCH):
        roots = [node_key("case", pk) for pk in ids[start : start + BATCH]]
        _merge(whole, neighbourhood(scope=scope, roots=roots, depth=2, max_nodes=NO_LIMIT))
    return whole


def export_network(
    *, user: User, case_id: int | None, person_id: int | None, depth: int
) -> Network:
    """The network to export; NotAllowedError for users who may read no network or a root
    outside their part."""
    try:
        scope = network_scope_for_user(user)
        if case_id is not None:
            scope, case = network_case_get(user=user, case_id=case_id)
            root = node_key("case", case.pk)
        elif person_id is not None:
            scope, person = network_person_get(user=user, person_id=person_id)
            root = node_key("person", person.pk)
        else:
            return _everything(scope)
    except Http404 as exc:
        raise NotAllowedError(NOT_ALLOWED) from exc
    depth = max(1, min(depth, MAX_DEPTH))
    return neighbourhood(scope=scope, roots=[root], depth=depth, max_nodes=NO_LIMIT)


def i2_rows(view: NetworkView) -> Iterator[dict[str, Any]]:
    """One row per link with both ends, the way i2 Analyst's Notebook imports links."""
    by_public = {n.key: n for n in view.nodes.values()}
    for link in view.links:
        a, b = by_public[link.source], by_public[link.target]
        if a.hidden and a.kind != "person" or b.hidden and b.kind != "person":
            continue
        yield {
            "from_id": a.key, "from_type": a.kind, "from_label": a.label,
            "link_type": link.kind, "link_reason": link.reason, "link_source": link.source_text,
            "link_grading": link.grading, "link_handling_code": link.handling_code,
            "link_grading_text": link.grading_text,
            "link_start": link.start or "", "link_end": link.end or "",
            "directed": "yes" if link.directed else "no",
            "to_id": b.key, "to_type": b.kind, "to_label": b.label,
        }  # fmt: skip


def _write(output: Path, write: Any) -> int:
    """Writes the whole file or nothing: a temporary file renamed into place."""
    handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".part")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            count = int(write(out))
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


@transaction.atomic
def network_export(
    *, actor: User, kind: str, output: Path, purpose: str, case_id: int | None = None,
    person_id: int | None = None, depth: int = 2,
) -> NetworkExportDone:  # fmt: skip
    """Writes the network as FollowTheMoney (``ftm``) or i2 CSV (``i2``) and records the export
    with its purpose and the persons and cases it holds."""
    if not PURPOSE_MIN <= len(purpose.strip()) <= PURPOSE_MAX:
        raise ValidationError({"purpose": [PURPOSE_NEEDED]})
    network = export_network(user=actor, case_id=case_id, person_id=person_id, depth=depth)
    view = network_view(actor, network)
    if kind == FTM:
        entities = list(ftm_entities(actor, network, view))
        count = _write(output, lambda out: _ftm_lines(out, entities))
    else:
        count = _write(output, lambda out: _i2_csv(out, view))
    persons = sorted(int(k.split(":")[1]) for k in network.nodes if k.startswith("person:"))
    audit_record(
        actor=actor, action=AuditAction.EXPORT, object_type=AuditObject.NETWORK,
        object_id=f"export:{kind}",
        changes={"purpose": purpose, "case": case_id, "person": person_id, "depth": depth,
                 "persons": persons, "count": count},
    )  # fmt: skip
    return NetworkExportDone(count, len(view.links))


def _ftm_lines(out: Any, entities: list[dict[str, Any]]) -> int:
    for entity in entities:
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return len(entities)


def _i2_csv(out: Any, view: NetworkView) -> int:
    writer = csv.DictWriter(out, fieldnames=list(I2_COLUMNS))
    writer.writeheader()
    rows = list(i2_rows(view))
    writer.writerows(rows)
    return len(rows)
