"""Planted agents accused in synthetic cases, so that the agent networks meet the case files:
in each network, the first sub-agent and two recruiters are co-accused in one synthetic case of
the circle that recorded the network's kingpin (a case no other network uses). Only synthetic
cases are touched; a network whose circle has no free synthetic case is left out.

Rows are written in bulk like the loader's (``networks_load.py``), with one
``synthetic_batch`` audit event naming the cases and the persons added to them.
"""

from django.db import transaction

from htms.audit.models import AuditAction, AuditObject
from htms.audit.seals import seals_of
from htms.audit.services import audit_record
from htms.cases.models import AccusedStatus, Case, CaseParty, PartyRole
from htms.persons.models import Person
from htms.reference.models import Term
from htms.synthetic.networks import KINGPIN, RECRUITER, SUB_AGENT
from htms.synthetic.networks_load import GroundTruth

CO_ACCUSED = {SUB_AGENT: 1, RECRUITER: 2}  # role -> how many of the network are accused
TERMS = {SUB_AGENT: "sub_agent", RECRUITER: "recruiter"}


def _roles(truth: GroundTruth) -> dict[int, dict[str, list[int]]]:
    """Network -> role -> person ids, first records only (no re-entries)."""
    by_network: dict[int, dict[str, list[int]]] = {}
    for pk in sorted(truth.network):
        if pk not in truth.same_as:
            by_network.setdefault(truth.network[pk], {}).setdefault(truth.role[pk], []).append(pk)
    return by_network


@transaction.atomic
def networks_in_cases(*, truth: GroundTruth) -> dict[int, int]:
    """Adds the accused of each planted network to a synthetic case; network -> case id."""
    networks = _roles(truth)
    kingpins = {n: roles[KINGPIN][0] for n, roles in networks.items() if roles.get(KINGPIN)}
    units = dict(
        Person.objects.filter(pk__in=kingpins.values()).values_list("pk", "created_by_unit_id")
    )
    codes = Term.objects.filter(vocabulary="network_role", code__in=TERMS.values())
    terms = dict(codes.values_list("code", "pk"))
    tied: dict[int, int] = {}
    rows: list[CaseParty] = []
    for network, kingpin in sorted(kingpins.items()):
        if (unit := units.get(kingpin)) is None:
            continue
        free = Case.objects.filter(is_synthetic=True, unit_id=unit)
        case_id = free.exclude(pk__in=tied.values()).order_by("pk").values_list("pk", flat=True)
        if (case := case_id.first()) is None:
            continue
        tied[network] = case
        roles = networks[network]
        rows += [
            CaseParty(case_id=case, person_id=pk, role=PartyRole.ACCUSED,
                      accused_status=AccusedStatus.AT_LARGE, network_role_id=terms.get(TERMS[role]))
            for role, count in CO_ACCUSED.items() for pk in roles.get(role, [])[:count]
        ]  # fmt: skip
    CaseParty.objects.bulk_create(rows)
    audit_record(
        actor=None, action=AuditAction.UPDATE, object_type=AuditObject.SYNTHETIC_BATCH,
        object_id="networks-in-cases", changes={"cases": sorted(tied.values()),
                                                "accused": [r.person_id for r in rows]},
        seals=seals_of(case_ids=tied.values()),
    )  # fmt: skip
    return tied
