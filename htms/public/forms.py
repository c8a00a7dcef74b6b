"""The portal's forms: the recruiter check, a report or call for help, and an addition to a
report. Every field is bounded; the hidden ``website`` field is a honeypot that people never
see and machines fill in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.public.models import ReportKind

MAX_WHAT = 4000


class CheckForm(forms.Form):
    q = forms.CharField(
        label=_("Licence number, name or phone number of the agent"), max_length=200
    )


class Guarded(forms.Form):
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    altcha = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def is_honeypot_filled(self) -> bool:
        return bool(self.data.get("website"))


class ReportForm(Guarded):
    kind = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        initial=ReportKind.AGENT,
    )
    what = forms.CharField(
        label=_("What happened?"),
        max_length=MAX_WHAT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you were promised or asked to pay, and what happened."),
    )
    who = forms.CharField(
        label=_("Who? Name of the agent or company"), max_length=300, required=False
    )
    phone = forms.CharField(label=_("Their phone number"), max_length=40, required=False)
    where = forms.CharField(
        label=_("Where? Town, office or address"), max_length=300, required=False
    )
    when = forms.CharField(label=_("When?"), max_length=100, required=False)
    contact = forms.CharField(
        label=_("How can we reach you? (optional)"),
        max_length=200,
        required=False,
        help_text=_("Leave it empty to stay anonymous."),
    )


class AdditionForm(Guarded):
    code = forms.CharField(label=_("Your report's code"), max_length=20)
    text = forms.CharField(
        label=_("What do you want to add?"),
        max_length=MAX_WHAT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
