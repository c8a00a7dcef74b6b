"""Forms of the return pages. They only parse; the services (``services/returns.py``,
``services/reintegration.py``) decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.protection.forms import DATE
from htms.protection.models import (
    AssistedReturn,
    DocumentState,
    NationalityCheck,
    Organisation,
    ReturnClosure,
    ReturnKind,
    ServiceType,
    Situation,
    TracingOutcome,
    TravelDocumentKind,
)
from htms.reference.models import Country

VERSION = forms.HiddenInput


def _embassies() -> Any:
    """The directory's embassies and consulates: the organisations offering consular help."""
    active = Organisation.objects.filter(active=True)
    return active.filter(pk__in=[o.pk for o in active if ServiceType.CONSULAR in o.services])


class _EmbassyField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self) -> None:
        super().__init__(
            label=_("Embassy or consulate"), queryset=Organisation.objects.none(), required=False
        )


class ReturnOpenForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of return"), choices=ReturnKind.choices, widget=forms.RadioSelect
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.exclude(code="PK"),
        help_text=_("Where a foreign victim goes; where a Pakistani came back from."),
    )  # fmt: skip
    embassy = _EmbassyField()
    returned_on = forms.DateField(
        label=_("Returned to Pakistan on"), widget=DATE, required=False,
        help_text=_("For a Pakistani returned from abroad: follow-ups fall due 3, 6 and 12 "
                    "months after this day."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["embassy"].queryset = _embassies()  # type: ignore[attr-defined]


class _StepForm(forms.Form):
    on = forms.DateField(label=_("On"), widget=DATE)
    version = forms.IntegerField(widget=VERSION, required=False)


class NationalityForm(_StepForm):
    state = forms.ChoiceField(label=_("Nationality verification"), choices=NationalityCheck.choices)
    field_order = ["state", "on"]


class DocumentForm(_StepForm):
    state = forms.ChoiceField(label=_("Travel document"), choices=DocumentState.choices)
    document_kind = forms.ChoiceField(
        label=_("Kind of document"), choices=[("", "—"), *TravelDocumentKind.choices],
        required=False,
    )  # fmt: skip
    field_order = ["state", "document_kind", "on"]


class AssistedReturnForm(_StepForm):
    state = forms.ChoiceField(
        label=_("IOM assisted voluntary return"), choices=AssistedReturn.choices
    )
    field_order = ["state", "on"]


class TravelForm(forms.Form):
    embassy = _EmbassyField()
    departure_planned_on = forms.DateField(
        label=_("Planned departure"), widget=DATE, required=False
    )
    departed_on = forms.DateField(label=_("Departed on"), widget=DATE, required=False)
    version = forms.IntegerField(widget=VERSION, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["embassy"].queryset = _embassies()  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    closure = forms.ChoiceField(label=_("How the return ended"), choices=ReturnClosure.choices)
    closed_on = forms.DateField(label=_("On"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason (for a person staying in Pakistan)"), max_length=300, required=False
    )
    version = forms.IntegerField(widget=VERSION, required=False)


class TracingForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Family tracing"), choices=TracingOutcome.choices)
    traced_on = forms.DateField(label=_("On"), widget=DATE)
    version = forms.IntegerField(widget=VERSION, required=False)


class ReintegrationPlanForm(forms.Form):
    plan = forms.CharField(
        label=_("Reintegration plan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
    version = forms.IntegerField(widget=VERSION, required=False)


class ReturnFollowUpDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    situation = forms.ChoiceField(label=_("Situation"), choices=Situation.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        required=False,
    )  # fmt: skip
