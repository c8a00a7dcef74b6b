"""Forms of the help-line pages; each gives its service the input it needs, nothing more."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.helpline.inputs import CallInput, call_input_from
from htms.helpline.models import CallLanguage, Category, Channel, Urgency
from htms.reference.models import District, Statute, Unit, UnitKind

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _when(label: Any, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=WHEN)


def _circles(label: Any, help_text: Any) -> forms.ModelChoiceField[Unit]:
    return forms.ModelChoiceField(
        label=label,
        queryset=Unit.objects.filter(kind=UnitKind.CIRCLE),
        to_field_name="code",
        required=False,
        help_text=help_text,
    )


class CallForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    started_at = _when(_("Came in at"), required=True)
    answered_at = _when(_("First answered at"))
    ended_at = _when(_("Ended at"))
    anonymous = forms.BooleanField(label=_("Anonymous caller"), required=False)
    caller_name = forms.CharField(label=_("Caller's name"), required=False, max_length=200)
    caller_phone = forms.CharField(label=_("Caller's phone"), required=False, max_length=30)
    district = forms.ModelChoiceField(
        label=_("Caller's district"),
        queryset=District.objects.all(),
        to_field_name="code",
        required=False,
    )
    language = forms.ChoiceField(label=_("Language"), choices=CallLanguage.choices)
    summary = forms.CharField(label=_("What the caller said"), widget=forms.Textarea)
    category = forms.ChoiceField(label=_("Triage"), choices=Category.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    circle = _circles(
        _("Circle to alert"),
        _("Leave empty for the circle of the caller's district."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def call_input(self) -> CallInput:
        data = dict(self.cleaned_data)
        for name in ("district", "circle"):
            data[name] = data[name].code if data[name] else ""
        return call_input_from(data)


class HandForm(forms.Form):
    circle = _circles(_("Circle"), _("Leave empty for the circle of the caller's district."))


class RegisterForm(forms.Form):
    statutes = forms.ModelMultipleChoiceField(
        label=_("Offences"),
        queryset=Statute.objects.filter(in_force=True),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    duplicate_reason = forms.CharField(
        label=_("Why this is not a case already registered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CallbackForm(forms.Form):
    planned_at = _when(_("Call back at"), required=True)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class LeadForm(forms.Form):
    agent_name = forms.CharField(label=_("Agent's name"), required=False, max_length=200)
    agent_phone = forms.CharField(label=_("Agent's phone"), required=False, max_length=30)
    what_was_said = forms.CharField(
        label=_("What the caller said about the agent"), widget=forms.Textarea
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file of calls"))
