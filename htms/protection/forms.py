"""Forms of the victim-protection pages. They only parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.persons.models import Sex
from htms.protection.models import (
    AcceptedSex,
    ConsentBy,
    CourtMeasure,
    Organisation,
    OrganisationKind,
    RiskLevel,
    ServiceType,
    SharedField,
    StayDestination,
)
from htms.reference.models import District, Unit, UnitKind

DATE = forms.DateInput(attrs={"type": "date"})
TICKS = forms.CheckboxSelectMultiple


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_ur = forms.CharField(label=_("Name (Urdu script)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=OrganisationKind.choices)
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=ServiceType.choices, widget=TICKS
    )
    unit = forms.ModelChoiceField(
        label=_("Unit of its caseworkers"),
        queryset=Unit.objects.filter(kind__in=[UnitKind.SHELTER, UnitKind.NGO]),
        required=False,
        help_text=_("Caseworkers posted at this unit see the referrals made to it."),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts served"), queryset=District.objects.all(), required=False
    )
    accepts_sex = forms.ChoiceField(label=_("Accepts"), choices=AcceptedSex.choices)
    min_age = forms.IntegerField(label=_("Youngest age accepted"), min_value=0, required=False)
    max_age = forms.IntegerField(label=_("Oldest age accepted"), min_value=0, required=False)
    languages = forms.CharField(label=_("Languages"), max_length=200, required=False)
    beds = forms.IntegerField(label=_("Beds"), min_value=0, max_value=10000, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    hours = forms.CharField(label=_("Opening hours"), max_length=100, required=False)
    demo_contacts = forms.BooleanField(label=_("Contacts are demo values"), required=False)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(active=True)
    )
    service = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    reason = forms.CharField(
        label=_("Why the person is referred"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False, max_length=2000,
    )  # fmt: skip
    consent_by = forms.ChoiceField(
        label=_("Consent given by"), choices=ConsentBy.choices, widget=forms.RadioSelect
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("The person agrees that the organisation sees"),
        choices=SharedField.choices, widget=TICKS, required=False,
    )  # fmt: skip
    consent_note = forms.CharField(
        label=_("Consent note (for a child: the best-interest decision)"), max_length=300,
        required=False,
    )  # fmt: skip
    # The person referred after a help-line call, not yet in the register.
    full_name = forms.CharField(
        label=_("Name of the person referred"), max_length=200, required=False
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN, required=False
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth, if known"), min_value=1900, max_value=2100, required=False
    )
    send = forms.BooleanField(label=_("Send to the organisation now"), required=False)


CALLED_FIELDS = ("full_name", "sex", "birth_year")


class MoveForm(forms.Form):
    to_state = forms.CharField(max_length=12)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of support"), choices=ServiceType.choices)
    objectives = forms.CharField(
        label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    actions = forms.CharField(
        label=_("Actions"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        required=False,
    )  # fmt: skip
    planned_end = forms.DateField(label=_("Planned end"), widget=DATE)


class FollowUpForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    done_on = forms.DateField(label=_("Done on"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), max_length=4000, required=False)


class PlanEndForm(forms.Form):
    actual_end = forms.DateField(label=_("Actual end"), widget=DATE)
    outcome = forms.CharField(
        label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        required=False,
    )  # fmt: skip


class FollowUpDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=4000, required=False)


class RiskForm(forms.Form):
    level = forms.ChoiceField(label=_("Risk of re-trafficking"), choices=RiskLevel.choices)
    factors = forms.CharField(
        label=_("What raises or lowers the risk"), max_length=4000, required=False
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )


class AdmitForm(forms.Form):
    admitted_on = forms.DateField(label=_("Admitted on"), widget=DATE)


class DischargeForm(forms.Form):
    discharged_on = forms.DateField(label=_("Discharged on"), widget=DATE)
    destination = forms.ChoiceField(label=_("Destination"), choices=StayDestination.choices)


class CourtForm(forms.Form):
    court_measures = forms.MultipleChoiceField(
        label=_("Protection in court"), choices=CourtMeasure.choices, widget=TICKS,
        required=False,
    )  # fmt: skip
    compensation_ordered = forms.IntegerField(
        label=_("Compensation ordered (PKR)"), min_value=0, max_value=10**11, required=False
    )
    compensation_paid = forms.IntegerField(
        label=_("Compensation paid (PKR)"), min_value=0, max_value=10**11, required=False
    )
