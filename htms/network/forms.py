"""The filters of a network page, the choice of two persons for a path, and the forms that
record payments and import call-detail records (they collect; the services check)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.intelligence.models import Credibility, HandlingCode, Reliability
from htms.network.graph import MAX_DEPTH, LinkFilter
from htms.network.links import LinkKind
from htms.network.models import AccountKind, Channel, SourceKind
from htms.web.forms.fields import date_field

DEFAULT_DEPTH = 2


class NetworkFilterForm(forms.Form):
    depth = forms.IntegerField(
        label=_("Depth"), min_value=1, max_value=MAX_DEPTH, required=False,
        help_text=_("How many links away from the start"),
    )  # fmt: skip
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of link"), choices=LinkKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every kind"),
    )  # fmt: skip
    since = forms.DateField(label=_("Links from"), required=False, help_text=_("YYYY-MM-DD"))
    until = forms.DateField(label=_("Links until"), required=False, help_text=_("YYYY-MM-DD"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end comes before the start."))
        return data

    def depth_asked(self) -> int:
        return (self.cleaned_data.get("depth") if self.is_valid() else None) or DEFAULT_DEPTH

    def link_filter(self) -> LinkFilter:
        """The filter as typed, or no filter at all when the form has errors (shown)."""
        if not self.is_valid():
            return LinkFilter()
        data = self.cleaned_data
        return LinkFilter(frozenset(data.get("kinds") or ()), data.get("since"), data.get("until"))


class PathForm(NetworkFilterForm):
    a = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    b = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NumberForm(forms.Form):
    number = forms.CharField(
        label=_("Phone or account number"), max_length=60,
        help_text=_("A phone in any form, or an account number as recorded"),
    )  # fmt: skip


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class PaymentForm(forms.Form):
    """A payment as typed; ``payments.py`` checks it and says what is wrong."""

    payer = forms.IntegerField(
        label=_("Payer: person's register number"), required=False, min_value=1,
        help_text=_("The number in the address of the person's page; or give an account below"),
    )  # fmt: skip
    payer_account_kind = forms.ChoiceField(
        label=_("Payer's account: kind"), required=False, choices=_blank(AccountKind.choices)
    )
    payer_account_number = forms.CharField(
        label=_("Payer's account: number"), required=False, max_length=60
    )
    payer_account_institution = forms.CharField(
        label=_("Payer's account: bank, wallet or hawala dealer"), required=False, max_length=120
    )
    beneficiary = forms.IntegerField(
        label=_("Beneficiary: person's register number"), required=False, min_value=1
    )
    beneficiary_account_kind = forms.ChoiceField(
        label=_("Beneficiary's account: kind"), required=False, choices=_blank(AccountKind.choices)
    )
    beneficiary_account_number = forms.CharField(
        label=_("Beneficiary's account: number"), required=False, max_length=60
    )
    beneficiary_account_institution = forms.CharField(
        label=_("Beneficiary's account: bank, wallet or hawala dealer"), required=False,
        max_length=120,
    )  # fmt: skip
    amount = forms.CharField(label=_("Amount"), max_length=20)
    currency = forms.CharField(
        label=_("Currency"), max_length=3, initial="PKR", help_text=_("ISO code: PKR, USD, EUR...")
    )
    channel = forms.ChoiceField(label=_("How the money moved"), choices=Channel.choices)
    paid_on = date_field(_("Date of the payment"), required=True)
    source_kind = forms.ChoiceField(label=_("Source"), choices=SourceKind.choices)
    source_ref = forms.CharField(
        label=_("Source reference"), max_length=120,
        help_text=_("File, report or record number in the source"),
    )  # fmt: skip
    case_reference = forms.CharField(
        label=_("Case reference"), required=False, max_length=60,
        help_text=_("The case the payment belongs to; circle in-charges must give one"),
    )  # fmt: skip
    reliability = forms.ChoiceField(label=_("Source reliability"), choices=Reliability.choices)
    credibility = forms.ChoiceField(label=_("Credibility"), choices=Credibility.choices)
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CallRecordsForm(forms.Form):
    file = forms.FileField(
        label=_("Call-detail records (CSV or XLSX)"),
        help_text=_(
            "One call a row, with the operator's column headings, such as A Party, B Party, "
            "Start Time, Duration."
        ),
    )
    operator = forms.CharField(label=_("Operator"), max_length=60)
    request_reference = forms.CharField(label=_("Request reference"), max_length=120)
    period_start = date_field(_("Period from"), required=True)
    period_end = date_field(_("Period to"), required=True)
    case_reference = forms.CharField(label=_("Case reference"), required=False, max_length=60)
    reliability = forms.ChoiceField(
        label=_("Source reliability"), choices=Reliability.choices, initial="A"
    )
    credibility = forms.ChoiceField(
        label=_("Credibility"), choices=Credibility.choices, initial="1"
    )
    handling_code = forms.ChoiceField(
        label=_("Handling code"), choices=HandlingCode.choices, initial="H2"
    )
    caller_column = forms.CharField(
        label=_("Column of the caller"), required=False, max_length=200,
        help_text=_("Leave empty to let the headings be recognised"),
    )  # fmt: skip
    receiver_column = forms.CharField(
        label=_("Column of the receiver"), required=False, max_length=200
    )
    started_at_column = forms.CharField(
        label=_("Column of the start of the call"), required=False, max_length=200
    )
    duration_column = forms.CharField(
        label=_("Column of the duration"), required=False, max_length=200
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)
