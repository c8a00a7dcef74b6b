"""Payments recorded, corrected and removed, and call-detail records imported, through the
services of the pages (``htms.network.payments``, ``htms.network.cdr``): the same access
(analysts and circle in-charges write; the monitoring cell 403; others 404), checks and audit."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.params import path_id
from htms.api.parsers import JSONParser
from htms.api.serializers.network_records import (
    CallRecordsResultSerializer,
    CallRecordsUploadSerializer,
    NetworkPaymentChangeSerializer,
    NetworkPaymentInputSerializer,
    NetworkPaymentRemoveSerializer,
    NetworkPaymentSerializer,
)
from htms.api.views.base import actor, path_id_parameter, valid
from htms.network.cdr import CdrImport, CdrSource, FileProblem, calls_import
from htms.network.payments import (
    AccountRef,
    PaymentEntry,
    payment_edit,
    payment_enter,
    payment_remove,
)

PAYMENT_ID = path_id_parameter("payment_id", "The payment's id")


def _account(data: dict[str, Any] | None) -> AccountRef:
    return AccountRef(**data) if data else AccountRef()


def _entry(data: dict[str, Any]) -> PaymentEntry:
    return PaymentEntry(
        amount=str(data["amount"]), currency=data["currency"], channel=data["channel"],
        paid_on=data["paid_on"], source_kind=data["source_kind"], source_ref=data["source_ref"],
        reliability=data["reliability"], credibility=data["credibility"],
        handling_code=data["handling_code"], payer_id=data["payer_id"],
        payer_account=_account(data["payer_account"]), beneficiary_id=data["beneficiary_id"],
        beneficiary_account=_account(data["beneficiary_account"]),
        case_reference=data["case_reference"],
    )  # fmt: skip


class PaymentCollectionView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        request=NetworkPaymentInputSerializer,
        responses={201: NetworkPaymentSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        """Records a payment: a person (`payer_id`) or an account on each side, with its
        source and grading. Analysts; circle in-charges within their part, naming a case."""
        data = valid(NetworkPaymentInputSerializer, request.data)
        payment = payment_enter(actor=actor(request), data=_entry(data))
        body = NetworkPaymentSerializer(payment).data
        return Response(body, status=status.HTTP_201_CREATED)


class PaymentDetailView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[PAYMENT_ID],
        request=NetworkPaymentChangeSerializer,
        responses={200: NetworkPaymentSerializer, **error_responses(400, 403, 404, 409)},
    )
    def put(self, request: Request, payment_id: str) -> Response:
        """Corrects a payment, all of it; an old `expected_version` is refused (409)."""
        pk = path_id(payment_id)
        data = valid(NetworkPaymentChangeSerializer, request.data)
        version = data["expected_version"]
        payment = payment_edit(
            actor=actor(request), payment_id=pk, expected_version=version, data=_entry(data)
        )
        return Response(NetworkPaymentSerializer(payment).data)


class PaymentRemoveView(ErrorsMixin, APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        parameters=[PAYMENT_ID],
        request=NetworkPaymentRemoveSerializer,
        responses={204: None, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, payment_id: str) -> Response:
        """Removes a payment recorded in error, with the reason; the audit keeps its values."""
        pk = path_id(payment_id)
        data = valid(NetworkPaymentRemoveSerializer, request.data)
        version, reason = data["expected_version"], data["reason"]
        payment_remove(actor=actor(request), payment_id=pk, expected_version=version, reason=reason)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _refusal(result: CdrImport) -> ValidationError:
    rows = [_("Row %(row)d: %(what)s") % {"row": r.number, "what": " ".join(r.messages)}
            for r in result.refused]  # fmt: skip
    more = [result.unlisted_note] if result.unlisted_note else []
    return ValidationError({"file": [*result.problems, *rows, *more]})


class CallRecordsImportView(ErrorsMixin, APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": CallRecordsUploadSerializer},
        responses={
            201: CallRecordsResultSerializer,
            200: CallRecordsResultSerializer,
            **error_responses(400, 403, 404),
        },
    )
    def post(self, request: Request) -> Response:
        """Imports a file of call-detail records whole or not at all: 400 lists every bad row
        (nothing kept); the same file again answers 200 and adds nothing."""
        data = valid(CallRecordsUploadSerializer, request.data)
        columns = ("caller", "receiver", "started_at", "duration")
        mapping = {k: data[f"{k}_column"] for k in columns if data[f"{k}_column"]}
        source = CdrSource(**{k: data[k] for k in (
            "operator", "request_reference", "period_start", "period_end", "case_reference",
            "reliability", "credibility", "handling_code")})  # fmt: skip
        upload = data["file"]
        try:
            result = calls_import(actor=actor(request), stream=upload, source=source,
                                  name=upload.name or "cdr", mapping=mapping)  # fmt: skip
        except FileProblem as exc:
            raise ValidationError({"file": [exc.message]}) from None
        records = result.records or result.already_imported
        if records is None:
            raise _refusal(result)
        body = {"records_id": records.pk, "already_imported": result.records is None,
                "rows": result.rows, "created": result.created,
                "duplicates": result.duplicates, "mapping": result.mapping,
                "skipped": dict(result.skipped), "skipped_note": result.skipped_note,
                "notes": result.notes}  # fmt: skip
        created = status.HTTP_201_CREATED if result.records else status.HTTP_200_OK
        return Response(CallRecordsResultSerializer(body).data, status=created)
