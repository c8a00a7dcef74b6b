"""Forms of the actions on a case: stage changes, approvals, hearings, judgments, statuses,
FIR details. Every form that changes the case carries the version it was opened at."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.cases.models import (
    APPEAL_OUTCOMES,
    TRIAL_OUTCOMES,
    AccusedStatus,
    ClosureReason,
    SentenceKind,
    Stage,
    VerdictBasis,
    VerdictOutcome,
)
from htms.persons.models import DatePrecision
from htms.reference.models import Country, Court, District
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


class OffenceTimePlaceForm(VersionedForm):
    date = date_field(_("Date of the offence"))
    date_precision = forms.ChoiceField(
        label=_("How much of the date is known"),
        choices=BLANK + list(DatePrecision.choices),
        required=False,
    )
    district = forms.ModelChoiceField(
        label=_("District, for an offence in Pakistan"),
        queryset=District.objects.all(),
        required=False,
    )
    country = forms.ModelChoiceField(
        label=_("Country, for an offence abroad"), queryset=Country.objects.all(), required=False
    )


class JudgmentForm(VersionedForm):
    """Court, date, and per accused per offence (fields ``<name>_<party>_<offence>``): the
    outcome, a compromise or plea, the sentence (kind, years, months), the fine and the
    compensation with their currencies. At trial every outcome is required; on appeal a row
    left blank was not appealed."""

    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.all())
    date = date_field(_("Date of the judgment"), required=True)
    backdate_reason = backdate_reason_field()

    def __init__(
        self, *args: Any, pairs: list[tuple[int, int]], on_appeal: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        outcomes = APPEAL_OUTCOMES if on_appeal else TRIAL_OUTCOMES
        choices = BLANK + [(v, label) for v, label in VerdictOutcome.choices if v in outcomes]
        for party_id, offence_id in pairs:
            key = f"{party_id}_{offence_id}"
            self.fields[f"outcome_{key}"] = forms.ChoiceField(
                label=_("Verdict"), choices=choices, required=not on_appeal
            )
            self.fields.update(_verdict_detail_fields(key))


def _verdict_detail_fields(key: str) -> dict[str, forms.Field]:
    def currency() -> forms.CharField:
        return forms.CharField(
            label=_("Currency"), initial="PKR", required=False, min_length=3, max_length=3
        )

    return {
        f"basis_{key}": forms.ChoiceField(
            label=_("Basis"), choices=BLANK + list(VerdictBasis.choices), required=False
        ),
        f"kind_{key}": forms.ChoiceField(
            label=_("Sentence"), choices=BLANK + list(SentenceKind.choices), required=False
        ),
        f"years_{key}": forms.IntegerField(
            label=_("Years"), required=False, min_value=0, max_value=100
        ),
        f"months_{key}": forms.IntegerField(
            label=_("Months"), required=False, min_value=0, max_value=1200
        ),
        f"fine_{key}": forms.DecimalField(
            label=_("Fine"), required=False, min_value=0, max_digits=14, decimal_places=2
        ),
        f"fineccy_{key}": currency(),
        f"comp_{key}": forms.DecimalField(
            label=_("Compensation to the victims"),
            required=False,
            min_value=0,
            max_digits=14,
            decimal_places=2,
        ),
        f"compccy_{key}": currency(),
    }
