"""Forms of the actions on a case: stage changes, approvals, hearings, judgments, statuses,
FIR details. Every form that changes the case carries the version it was opened at."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.cases.models import AccusedStatus, ClosureReason, Stage, VerdictOutcome
from htms.reference.models import Court
from htms.web.forms.fields import date_field

BLANK = [("", "—")]


class VersionedForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def backdate_reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Why is it entered only now?"),
        help_text=_("Needed when the date is more than a few days ago."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


CHALLAN_STAGES = (Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN)


class StageForm(VersionedForm):
    effective_on = date_field(_("Date it happened"))
    backdate_reason = backdate_reason_field()
    challan_number = forms.CharField(label=_("Challan number"), max_length=60, required=False)
    closure_reason = forms.ChoiceField(
        label=_("Reason for closing the case"),
        choices=BLANK + list(ClosureReason.choices),
        required=False,
    )
    court = forms.ModelChoiceField(
        label=_("Court that tries the case"), queryset=Court.objects.all(), required=False
    )
    note = forms.CharField(
        label=_("Note for the record"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, to_stage: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if to_stage != Stage.CLOSED:
            del self.fields["closure_reason"]
        if to_stage in CHALLAN_STAGES:
            self.fields["court"].label = _("Court the challan is filed in")
        else:
            del self.fields["challan_number"]
            if to_stage != Stage.TRIAL:
                del self.fields["court"]


class DecisionForm(forms.Form):
    """Approving is confirmed on a page of its own; declining needs a reason."""

    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AccusedStatusForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status of the accused"), choices=AccusedStatus.choices)


class HearingForm(forms.Form):
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.all())
    date = date_field(_("Date of the hearing"), required=True)
    backdate_reason = backdate_reason_field()
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)
    outcome = forms.CharField(label=_("What happened"), max_length=300, required=False)
    next_date = date_field(_("Next hearing"))
    witnesses_due = forms.MultipleChoiceField(
        label=_("Witnesses due at the next hearing"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, parties: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["witnesses_due"].choices = parties  # type: ignore[attr-defined]


class CaseDetailsForm(VersionedForm):
    enquiry_number = forms.CharField(label=_("Enquiry number"), max_length=40, required=False)
    fir_number = forms.CharField(label=_("FIR number"), max_length=40, required=False)
    fir_date = date_field(_("FIR date"))
    police_station = forms.CharField(label=_("Police station"), max_length=120, required=False)
    occurred_on = date_field(_("Date of the offence"))
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class JudgmentForm(VersionedForm):
    """Court, date, and one outcome per accused on trial per offence (fields named
    ``outcome_<party>_<offence>``, ``months_…``, ``fine_…``)."""

    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.all())
    date = date_field(_("Date of the judgment"), required=True)
    backdate_reason = backdate_reason_field()

    def __init__(self, *args: Any, pairs: list[tuple[int, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for party_id, offence_id in pairs:
            key = f"{party_id}_{offence_id}"
            self.fields[f"outcome_{key}"] = forms.ChoiceField(
                label=_("Verdict"), choices=BLANK + list(VerdictOutcome.choices)
            )
            self.fields[f"months_{key}"] = forms.IntegerField(
                label=_("Sentence in months"), required=False, min_value=0, max_value=1200
            )
            self.fields[f"fine_{key}"] = forms.IntegerField(
                label=_("Fine in rupees"), required=False, min_value=0
            )
