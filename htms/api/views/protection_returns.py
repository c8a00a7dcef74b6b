"""Returns home and from abroad through the API: opened on a referral, read, and written
through the pages' services (``htms/protection/services/returns.py``, ``reintegration.py``),
with the referral's access rule: 404 for anyone who may not see the referral, 403 for the side
that only reads the return."""

from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.accounts.models import User
from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.protection_returns import (
    ReturnClosureSerializer,
    ReturnFollowUpDoneSerializer,
    ReturnOpenSerializer,
    ReturnPlanSerializer,
    ReturnSerializer,
    ReturnStepSerializer,
    ReturnTracingSerializer,
    ReturnTravelSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.protection.access import return_get_for_user
from htms.protection.models import Return
from htms.protection.services.reintegration import (
    return_follow_up_done,
    return_plan,
    return_tracing,
)
from htms.protection.services.returns import (
    ReturnInput,
    return_close,
    return_open,
    return_step,
    return_travel,
    return_writes,
)
from htms.reference.models import Country

REFERRAL_ID = path_id_parameter("referral_id", "The referral's id")
RETURN_ID = path_id_parameter("return_id", "The return's id")
FOLLOW_UP_ID = path_id_parameter("follow_up_id", "The reintegration follow-up's id")
WRITE_ERRORS = error_responses(400, 403, 404, 409)


def _body(user: User, record: Return) -> dict[str, Any]:
    """The return with its plan and notes only for its keepers."""
    keeps = return_writes(user, record.referral)
    follow_ups = [
        {
            "id": f.pk, "months": f.months, "due_on": f.due_on, "done_on": f.done_on,
            "situation": f.situation, "note": f.note if keeps else "",
        }
        for f in record.follow_ups.all()
    ]  # fmt: skip
    plan = record.reintegration_plan if keeps else ""
    return {"record": record, "plan": plan, "follow_ups": follow_ups}


def _answer(user: User, return_id: int, code: int = status.HTTP_200_OK) -> Response:
    record = return_get_for_user(user=user, return_id=return_id)
    return Response(ReturnSerializer(_body(user, record)).data, status=code)


class ReferralReturnView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[REFERRAL_ID], request=ReturnOpenSerializer,
        responses={201: ReturnSerializer, **error_responses(400, 403, 404)},
    )  # fmt: skip
    def post(self, request: Request, referral_id: str) -> Response:
        """Opens the return of an accepted referral's person (a foreign victim going home, or a
        Pakistani returned from abroad, with follow-ups due 3, 6 and 12 months later)."""
        user = actor(request)
        data = valid(ReturnOpenSerializer, request.data)
        country = Country.objects.filter(code=data["country"].upper()).first()
        given = ReturnInput(
            kind=data["kind"], country_id=country.pk if country else None,
            embassy_id=data["embassy_id"], returned_on=data["returned_on"],
        )  # fmt: skip
        record = return_open(actor=user, referral_id=path_id(referral_id), data=given)
        return _answer(user, record.pk, status.HTTP_201_CREATED)


class ReturnDetailView(ErrorsMixin, APIView):
    @extend_schema(
        parameters=[RETURN_ID], responses={200: ReturnSerializer, **error_responses(404)}
    )
    def get(self, request: Request, return_id: str) -> Response:
        """The return, as far as the caller may see it; the read is audited."""
        user = actor(request)
        record = return_get_for_user(user=user, return_id=path_id(return_id))
        audit_view(actor=user, object_type=AuditObject.PROTECTION_RETURN, object_id=record.pk)
        return Response(ReturnSerializer(_body(user, record)).data)


Write = Callable[[User, int, dict[str, Any]], object]
F = TypeVar("F", bound=Callable[..., Response])


def _write(
    request: Request, return_id: str, schema: type[serializers.Serializer[Any]], write: Write
) -> Response:
    user = actor(request)
    record = return_get_for_user(user=user, return_id=path_id(return_id))
    write(user, record.pk, valid(schema, request.data))
    return _answer(user, record.pk)


def _documented(schema: type[serializers.Serializer[Any]]) -> Callable[[F], F]:
    documented: Callable[[F], F] = extend_schema(
        parameters=[RETURN_ID], request=schema, responses={200: ReturnSerializer, **WRITE_ERRORS}
    )
    return documented


def _step(u: User, pk: int, d: dict[str, Any]) -> object:
    return return_step(
        actor=u, return_id=pk, step=d["step"], state=d["state"], on=d["on"],
        document_kind=d["document_kind"], expected_version=d["expected_version"],
    )  # fmt: skip


def _travel(u: User, pk: int, d: dict[str, Any]) -> object:
    return return_travel(
        actor=u, return_id=pk, embassy_id=d["embassy_id"],
        departure_planned_on=d["departure_planned_on"], departed_on=d["departed_on"],
        expected_version=d["expected_version"],
    )  # fmt: skip


def _close(u: User, pk: int, d: dict[str, Any]) -> object:
    return return_close(
        actor=u, return_id=pk, closure=d["closure"], closed_on=d["closed_on"],
        reason=d["reason"], expected_version=d["expected_version"],
    )  # fmt: skip


def _tracing(u: User, pk: int, d: dict[str, Any]) -> object:
    return return_tracing(
        actor=u, return_id=pk, outcome=d["tracing_outcome"], traced_on=d["traced_on"],
        expected_version=d["expected_version"],
    )  # fmt: skip


def _plan(u: User, pk: int, d: dict[str, Any]) -> object:
    return return_plan(
        actor=u, return_id=pk, plan=d["plan"], expected_version=d["expected_version"]
    )


class ReturnStepView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(ReturnStepSerializer)
    def post(self, request: Request, return_id: str) -> Response:
        """A step of a foreign victim's return: the nationality verification, the travel
        document or IOM's assisted voluntary return, requested, then granted or refused."""
        return _write(request, return_id, ReturnStepSerializer, _step)


class ReturnTravelView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(ReturnTravelSerializer)
    def post(self, request: Request, return_id: str) -> Response:
        """The embassy or consulate, the planned and the actual departure."""
        return _write(request, return_id, ReturnTravelSerializer, _travel)


class ReturnClosureView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(ReturnClosureSerializer)
    def post(self, request: Request, return_id: str) -> Response:
        """Ends a foreign victim's return: returned, stayed in Pakistan (with the reason) or
        absconded."""
        return _write(request, return_id, ReturnClosureSerializer, _close)


class ReturnTracingView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(ReturnTracingSerializer)
    def post(self, request: Request, return_id: str) -> Response:
        """The outcome of tracing a returnee's family: traced, not traced, not safe."""
        return _write(request, return_id, ReturnTracingSerializer, _tracing)


class ReturnPlanView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @_documented(ReturnPlanSerializer)
    def put(self, request: Request, return_id: str) -> Response:
        """Writes (or rewrites) a returnee's reintegration plan."""
        return _write(request, return_id, ReturnPlanSerializer, _plan)


class ReturnFollowUpDoneView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[FOLLOW_UP_ID], request=ReturnFollowUpDoneSerializer,
        responses={200: ReturnSerializer, **error_responses(400, 403, 404)},
    )  # fmt: skip
    def post(self, request: Request, follow_up_id: str) -> Response:
        """Marks a reintegration follow-up done, with the person's situation and a note."""
        user = actor(request)
        data = valid(ReturnFollowUpDoneSerializer, request.data)
        done = return_follow_up_done(
            actor=user, follow_up_id=path_id(follow_up_id), done_on=data["done_on"],
            situation=data["situation"], note=data["note"],
        )  # fmt: skip
        return _answer(user, done.return_record_id)
