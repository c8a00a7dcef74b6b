"""Payments and call-detail records written through the API: inputs checked for shape here,
for meaning by ``htms.network.payments`` and ``htms.network.cdr``."""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from rest_framework import serializers

from htms.intake.parsing.scan import TOO_BIG, megabytes
from htms.intelligence.models import Credibility, HandlingCode, Reliability
from htms.network.models import AccountKind, Channel, SourceKind

MAX_ID = 2**63 - 1


def _text(max_length: int, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True,
                                 default="", help_text=help_text)  # fmt: skip


class NetworkAccountRefSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=AccountKind.choices)
    number = serializers.CharField(max_length=60)
    institution = _text(120, "Bank, wallet or hawala dealer")


class NetworkPaymentInputSerializer(serializers.Serializer[Any]):
    payer_id = serializers.IntegerField(required=False, allow_null=True, default=None,
                                        min_value=1, max_value=MAX_ID)  # fmt: skip
    payer_account = NetworkAccountRefSerializer(required=False, allow_null=True, default=None)
    beneficiary_id = serializers.IntegerField(required=False, allow_null=True, default=None,
                                              min_value=1, max_value=MAX_ID)  # fmt: skip
    beneficiary_account = NetworkAccountRefSerializer(required=False, allow_null=True, default=None)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    currency = serializers.CharField(max_length=3, help_text="ISO 4217, e.g. PKR")
    channel = serializers.ChoiceField(choices=Channel.choices)
    paid_on = serializers.DateField()
    source_kind = serializers.ChoiceField(choices=SourceKind.choices)
    source_ref = serializers.CharField(max_length=120)
    case_reference = _text(60, "The case it belongs to; required of circle in-charges")
    reliability = serializers.ChoiceField(choices=Reliability.choices)
    credibility = serializers.ChoiceField(choices=Credibility.choices)
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)


class NetworkPaymentChangeSerializer(NetworkPaymentInputSerializer):
    expected_version = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class NetworkPaymentRemoveSerializer(serializers.Serializer[Any]):
    expected_version = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    reason = serializers.CharField(max_length=2000)


class NetworkPaymentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    payer_id = serializers.IntegerField(allow_null=True)
    payer_account_id = serializers.IntegerField(allow_null=True)
    beneficiary_id = serializers.IntegerField(allow_null=True)
    beneficiary_account_id = serializers.IntegerField(allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()
    channel = serializers.CharField()
    paid_on = serializers.DateField(source="start_date", allow_null=True)
    source_kind = serializers.CharField()
    source_ref = serializers.CharField()
    case_id = serializers.IntegerField(allow_null=True)
    reliability = serializers.CharField()
    credibility = serializers.CharField()
    handling_code = serializers.CharField()


class CallRecordsUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(help_text="CSV or Excel .xlsx, within the upload limits")
    operator = serializers.CharField(max_length=60)
    request_reference = serializers.CharField(max_length=120)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    case_reference = _text(60)
    reliability = serializers.ChoiceField(choices=Reliability.choices)
    credibility = serializers.ChoiceField(choices=Credibility.choices)
    handling_code = serializers.ChoiceField(choices=HandlingCode.choices)
    caller_column = _text(200, "Heading of the caller's column, if not recognised")
    receiver_column = _text(200)
    started_at_column = _text(200)
    duration_column = _text(200)

    def validate_file(self, upload: "UploadedFile[Any]") -> "UploadedFile[Any]":
        limit = settings.HTMS_UPLOAD_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise serializers.ValidationError(str(TOO_BIG % {"limit": megabytes(limit)}))
        return upload


class CallRecordsResultSerializer(serializers.Serializer[Any]):
    records_id = serializers.IntegerField()
    already_imported = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    skipped = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Rows left out, not calls between persons, by why: service (a short code or "
        "sender name at one end), withheld (a number withheld by the network)",
    )
    skipped_note = serializers.CharField(allow_blank=True, help_text="The same, in words")
    mapping = serializers.DictField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())
