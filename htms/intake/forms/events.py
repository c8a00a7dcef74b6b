"""Forms of the processing pages: one person's border event, screening and leads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.intake.entries import EntryInput
from htms.intake.lookups import Lookups
from htms.intake.models import (
    BorderEventKind,
    Classification,
    FraudKind,
    IntakeStatus,
    PaymentMethod,
    ReferralTo,
    ReturnReason,
    Transport,
)
from htms.intake.questionnaire import ELEMENT_LABELS, QUESTIONS
from htms.intake.rows import EntryDefaults, entry_from_values
from htms.intake.services.leads import CURRENCIES
from htms.persons.models import Sex
from htms.reference.models import Country, Statute

DATE = forms.DateInput(attrs={"type": "date"})


def _countries(label: Any, required: bool = False) -> forms.ModelChoiceField[Country]:
    return forms.ModelChoiceField(
        label=label, queryset=Country.objects.all(), to_field_name="code", required=required
    )


class EntryForm(forms.Form):
    """One offloadee or deportee recorded by hand at the counter."""

    kind = forms.ChoiceField(label=_("What happened"), choices=BorderEventKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    full_name = forms.CharField(label=_("Name (Latin script)"), required=False, max_length=200)
    full_name_ur = forms.CharField(label=_("Name (Urdu script)"), required=False, max_length=200)
    father_name = forms.CharField(
        label=_("Father's or husband's name"), required=False, max_length=200
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.CharField(
        label=_("Date of birth"), required=False, help_text=_("25/03/1990, 03/1990 or 1990")
    )
    nationality = _countries(_("Claimed nationality"))
    cnic = forms.CharField(label=_("CNIC"), required=False, max_length=20)
    passport = forms.CharField(label=_("Passport number"), required=False, max_length=20)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    destination = _countries(_("Intended destination (offloading)"))
    fraud_kind = forms.ChoiceField(
        label=_("Kind of fraud (offloading)"),
        choices=[("", "—"), *FraudKind.choices],
        required=False,
    )
    travel_document = forms.CharField(
        label=_("Travel document presented"), required=False, max_length=40
    )
    deporting_country = _countries(_("Deporting country (deportation)"))
    return_reason = forms.ChoiceField(
        label=_("Reason for return"), choices=[("", "—"), *ReturnReason.choices], required=False
    )
    escorted = forms.NullBooleanField(label=_("Escorted"), required=False)
    flight_or_vessel = forms.CharField(label=_("Flight or vessel"), required=False, max_length=60)

    def entry(self) -> EntryInput:
        """The entry the valid form describes, read as a manifest row is read."""
        data = self.cleaned_data
        values = {
            k: (v.code if hasattr(v, "code") else "" if v is None else str(v))
            for k, v in data.items()
            if k not in ("kind", "escorted")
        }
        values["escorted"] = {True: "yes", False: "no"}.get(data["escorted"], "")
        defaults = EntryDefaults(
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            deporting_country_code="",
            flight_or_vessel="",
        )
        return entry_from_values(values, defaults, Lookups.load())


class StatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=IntakeStatus.choices)
    status_note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ScreeningForm(forms.Form):
    """One yes/no box per question, grouped by element; the classification to confirm."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=[("", _("Accept the suggestion")), *Classification.choices],
        required=False,
    )
    change_reason = forms.CharField(
        label=_("Why the classification differs from the suggestion"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    summary = forms.CharField(
        label=_("Interview notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            self.fields[f"q_{q.key}"] = forms.BooleanField(label=str(q.text), required=False)

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        groups: dict[str, list[forms.BoundField]] = {}
        for q in QUESTIONS:
            groups.setdefault(str(ELEMENT_LABELS[q.element]), []).append(self[f"q_{q.key}"])
        return list(groups.items())

    def answers(self) -> dict[str, bool]:
        return {q.key: bool(self.cleaned_data.get(f"q_{q.key}")) for q in QUESTIONS}


class ReferralForm(forms.Form):
    to_kind = forms.ChoiceField(label=_("Referred to"), choices=[("", "—"), *ReferralTo.choices])
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    referred_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class DoubtForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    doubt = forms.BooleanField(label=_("Nationality still in doubt"), required=False)
    nationality_note = forms.CharField(
        label=_("How it was checked"), max_length=300, required=False
    )


class IdentityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    person = forms.CharField(required=False)


class AgentForm(forms.Form):
    name = forms.CharField(label=_("Agent's name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    role = forms.CharField(label=_("What the agent did"), max_length=120, required=False)


class PaymentForm(forms.Form):
    amount = forms.CharField(label=_("Amount"), max_length=30)
    currency = forms.ChoiceField(label=_("Currency"), choices=[(c, c) for c in CURRENCIES])
    payee = forms.ChoiceField(label=_("Paid to"), required=False)
    paid_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    method = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *PaymentMethod.choices], required=False
    )

    def __init__(self, *args: Any, agents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payee"].choices = [("", "—"), *agents]  # type: ignore[attr-defined]


class LegForm(forms.Form):
    country = _countries(_("Country"))
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    date = forms.DateField(label=_("Date"), widget=DATE, required=False)
    transport = forms.ChoiceField(
        label=_("Transport"), choices=[("", "—"), *Transport.choices], required=False
    )
    conveyance = forms.CharField(label=_("Boat or vehicle"), max_length=120, required=False)


class CaseOpenForm(forms.Form):
    statutes = forms.ModelMultipleChoiceField(
        label=_("Statute sections"),
        queryset=Statute.objects.filter(in_force=True),
        to_field_name="code",
        required=False,
        help_text=_("Leave empty for the section the classification suggests."),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *IntakeStatus.choices], required=False
    )
    doubt = forms.BooleanField(label=_("Nationality in doubt"), required=False)
    repeats = forms.BooleanField(label=_("Repeat interceptions"), required=False)
