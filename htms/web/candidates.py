"""Search before create on the officer pages, through the identity module.

While the officer types, ``party-form.js`` fetches the identity module's fragment
(``GET /identity/candidates/``); without JavaScript the "Search the register" button posts the
form and the page renders the same fragment from ``candidate_context``. Either way only
persons whose identity the user may see are suggested, and every search is audited
(``htms.identity.services.candidate_search``).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from htms.accounts.models import User
from htms.identity.inputs import NO_CRITERIA, candidate_query_from_params
from htms.identity.present import candidate_out
from htms.identity.services import candidate_search


def candidates_url() -> str:
    return reverse("identity_candidates")


def party_search_params(data: Mapping[str, Any]) -> dict[str, str]:
    """The identity search's parameters from what the party form holds."""
    return {
        "name": str(data.get("full_name", "") or data.get("full_name_ur", "")),
        "father_name": str(data.get("father_name", "")),
        "cnic": str(data.get("cnic", "")),
        "passport": str(data.get("passport", "")),
        "phone": str(data.get("phone", "")),
        "birth_date": str(data.get("birth_date", "")),
    }


def candidate_context(*, user: User, params: Mapping[str, str]) -> dict[str, Any]:
    """What ``identity/candidates.html`` shows for these parameters: candidates, or the
    problems with what was typed."""
    try:
        query = candidate_query_from_params(params)
    except ValidationError as exc:
        errors = exc.message_dict
        if list(errors.values()) == [[NO_CRITERIA]]:
            return {"candidates": [], "searched": True}
        return {"errors": errors}
    found = candidate_search(user=user, query=query)
    return {"candidates": [candidate_out(c) for c in found], "searched": True}
