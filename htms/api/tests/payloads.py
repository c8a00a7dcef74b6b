"""Request bodies the tests send, and small helpers to move the shared case along."""

from typing import Any

from htms.accounts.models import User
from htms.cases.models import Case
from htms.conftest import SOM_SECTION, stage_move


def som_case_payload() -> dict[str, Any]:
    """A smuggling case: two accused and one smuggled migrant, intercepted in Türkiye."""
    return {
        "origin": "interception",
        "statutes": [SOM_SECTION],
        "summary": "Taken across Iran towards Europe; intercepted at Van.",
        "fir_number": "77/2026",
        "fir_date": "2026-11-02",
        "police_station": "FIA AHTC Lahore",
        "occurred_on": "2026-10-20",
        "parties": [
            {
                "role": "accused",
                "accused_status": "arrested",
                "network_role": "main_agent",
                "person": {
                    "full_name": "Shahid Iqbal",
                    "sex": "M",
                    "relation": "s/o",
                    "father_name": "Iqbal Hussain",
                    "phones": ["0300 7654321"],
                    "documents": [{"kind": "cnic", "number": "35202-1111111-1"}],
                },
            },
            {
                "role": "accused",
                "accused_status": "at_large",
                "network_role": "sub_agent",
                "person": {
                    "full_name": "Asif Ali",
                    "sex": "M",
                    "documents": [{"kind": "cnic", "number": "34101-2222222-3"}],
                },
            },
            {
                "role": "migrant",
                "person": {
                    "full_name": "Bilal Ahmed",
                    "full_name_ur": "بلال احمد",
                    "sex": "M",
                    "birth_date": "2001-03-01",
                    "birth_date_precision": "month",
                    "nationality": "PK",
                    "district": "PB-GUJRANWALA",
                    "address": "Mohalla Islampura",
                    "documents": [{"kind": "passport", "number": "AB1234567", "country": "PK"}],
                },
            },
        ],
        "route": [
            {"kind": "recruitment", "country": "PK", "district": "PB-GUJRANWALA"},
            {"kind": "transit", "country": "IR"},
            {"kind": "interception", "country": "TR", "place": "Van", "date": "2026-10-20"},
        ],
    }


def move_case(actor: User, case: Case, *stages: str) -> Case:
    """Moves the case through ``stages`` with the lifecycle service, as ``actor``."""
    for stage in stages:
        stage_move(actor, case, stage)
    case.refresh_from_db()
    return case
