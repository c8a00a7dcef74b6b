"""The decision form of the review page: one of three answers, an optional note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.resolution.models import Decision
from htms.resolution.services import NOTE_LIMIT


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Decision.choices,
        error_messages={
            "required": _("Choose one answer."),
            "invalid_choice": _("Choose one answer."),
        },
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why, in a few words: kept with the decision."),
    )
    # Set by the confirmation step; without it the answer is shown back for confirmation.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
