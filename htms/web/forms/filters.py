from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from htms.cases.models import Stage
from htms.cases.selectors import CaseFilters
from htms.identity.inputs import MAX_TEXT
from htms.reference.models import CrimeType, Unit


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Case reference, FIR number, or a party's name in English or Urdu"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    crime_type = forms.ChoiceField(
        label=_("Crime type"), required=False, choices=[("", _("All"))] + list(CrimeType.choices)
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All"))] + list(Stage.choices)
    )
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())
    registered_from = forms.DateField(
        label=_("Registered from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    registered_to = forms.DateField(
        label=_("Registered to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    overdue = forms.BooleanField(label=_("Interim challan overdue"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def filters(self) -> CaseFilters:
        data = self.cleaned_data
        return CaseFilters(
            text=data["q"],
            crime_type=data["crime_type"],
            stage=data["stage"],
            unit_id=data["unit"].pk if data["unit"] else None,
            registered_from=data["registered_from"],
            registered_to=data["registered_to"],
            overdue=data["overdue"],
        )
