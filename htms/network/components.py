"""``htms network_components``: every person of the register with the network they belong to,
the connected components of the whole link graph computed on Spark (``spark.py``).

The file names persons by id only, with the network (named after its lowest person id) and the
number of persons and of nodes of every kind in it: numbers, addresses and accounts stay in the
database. Only those who read the whole network nationally may write it, and every export is
audited with its purpose, like the other exports of the network.
"""

import csv
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.network.access import network_may_read, network_scope_for_user
from htms.network.export import PURPOSE_MAX, PURPOSE_MIN, PURPOSE_NEEDED, _write
from htms.network.spark import PersonNetwork, person_networks, stage_register

COLUMNS = ("person_id", "network", "network_persons", "network_nodes")
NOT_NATIONAL = _("Only those who read the whole network (analysts, the monitoring cell) may "
                 "export the networks of the register.")  # fmt: skip


@dataclass
class ComponentsDone:
    persons: int = 0
    networks: int = 0
    largest: int = 0
    links: int = 0


def _csv(out: TextIO, rows: Iterable[PersonNetwork], done: ComponentsDone) -> int:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow((row.person_id, row.network, row.persons, row.nodes))
        done.persons += 1
        done.networks += row.person_id == row.network
        done.largest = max(done.largest, row.persons)
    return done.persons


def _check(actor: User, purpose: str) -> None:
    if not network_may_read(actor) or not network_scope_for_user(actor).national:
        raise NotAllowedError(str(NOT_NATIONAL))
    if not PURPOSE_MIN <= len(purpose.strip()) <= PURPOSE_MAX:
        raise ValidationError({"purpose": [PURPOSE_NEEDED]})


def network_components_export(
    *, actor: User, output: Path, purpose: str, spark: Callable[[], Any],
    staging: Path | None = None,
) -> ComponentsDone:  # fmt: skip
    """Writes the CSV of every person node and their network, for analysts and the monitoring
    cell; records the export with its purpose and counts. ``spark`` makes the session, once the
    actor is allowed; ``staging`` is the folder the links pass through (a temporary one by
    default; on a cluster, one every worker reads), emptied afterwards."""
    _check(actor, purpose)
    folder = Path(tempfile.mkdtemp(prefix="htms-network-", dir=staging))
    try:
        staged = stage_register(folder)
        done = ComponentsDone(links=staged.links)
        rows = person_networks(spark(), staged)
        with transaction.atomic():
            _write(output, lambda out: _csv(out, rows, done))
            audit_record(
                actor=actor, action=AuditAction.EXPORT, object_type=AuditObject.NETWORK,
                object_id="export:components",
                changes={"purpose": purpose, "persons": done.persons,
                         "networks": done.networks, "links": done.links},
            )  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return done
