"""The forms of the agents register, the dossier and the red book. They only collect what was
typed; the services check it and explain what is wrong."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.intelligence.models import (
    AgentStatus,
    Credibility,
    FactKind,
    HandlingCode,
    Reliability,
    SourceKind,
)
from htms.web.forms.fields import date_field
from htms.web.forms.person_search import PersonSearchForm


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class AgentSearchForm(PersonSearchForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_blank(AgentStatus.choices)
    )

    def search_params(self) -> dict[str, str]:
        return {k: v for k, v in self.params().items() if k != "status"}


class FactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of fact"), choices=FactKind.choices)
    value = forms.CharField(
        label=_("Fact"),
        required=False,
        max_length=300,
        help_text=_(
            "The alias (Latin or Urdu script), number, account, vehicle, address or description. "
            "For a status: active, arrested, on_bail, convicted, abroad or deceased."
        ),
    )
    district = forms.CharField(label=_("District code (area of operation)"), required=False)
    country = forms.CharField(label=_("Country code (area of operation)"), required=False)
    photo = forms.FileField(label=_("Photograph (JPEG or PNG)"), required=False)
    source_kind = forms.ChoiceField(label=_("Source"), choices=SourceKind.choices)
    source_reference = forms.CharField(
        label=_("Source reference"),
        max_length=120,
        required=False,
        help_text=_("The case reference, or the lead, call or tip number"),
    )
    reliability = forms.ChoiceField(label=_("Source reliability"), choices=Reliability.choices)
    credibility = forms.ChoiceField(label=_("Credibility"), choices=Credibility.choices)
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class NominationForm(forms.Form):
    reasons = forms.CharField(
        label=_("Why this agent is wanted"), widget=forms.Textarea(attrs={"rows": 4})
    )
    last_known_location = forms.CharField(label=_("Last known location"), max_length=300)
    reward_pkr = forms.IntegerField(label=_("Reward (PKR)"), required=False, min_value=0)
    expires_on = date_field(_("Leaves the red book on"), required=True)
    photo = forms.FileField(label=_("Photograph (JPEG or PNG)"), required=False)


class AgentImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of agents (CSV or XLSX)"),
        help_text=_(
            "One agent a row, with column headings such as Name, Father name, CNIC, Phone, "
            "Alias, Status, Area, Modus operandi, Licence."
        ),
    )
    source_reference = forms.CharField(
        label=_("Name of the list"),
        max_length=80,
        help_text=_("Every fact names it as its source, with the row number"),
    )
    reliability = forms.ChoiceField(label=_("Source reliability"), choices=Reliability.choices)
    credibility = forms.ChoiceField(label=_("Credibility"), choices=Credibility.choices)
    handling_code = forms.ChoiceField(label=_("Handling code"), choices=HandlingCode.choices)
    status = forms.ChoiceField(
        label=_("Status of the agents on this list"),
        required=False,
        choices=_blank(AgentStatus.choices),
        help_text=_("Recorded for every row without a status of its own"),
    )
