"""Forms of the registration wizard's origin and route steps (the parties step: party.py)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.cases.models import Origin, RouteEventKind
from htms.reference.models import Country, District
from htms.web.forms.fields import PartialDateField, date_field

BLANK = [("", "—")]


class OriginForm(forms.Form):
    origin = forms.ChoiceField(
        label=_("How the case came in"), choices=BLANK + list(Origin.choices)
    )
    enquiry_number = forms.CharField(label=_("Enquiry number"), max_length=40, required=False)
    fir_number = forms.CharField(label=_("FIR number"), max_length=40, required=False)
    fir_date = date_field(_("FIR date"))
    police_station = forms.CharField(label=_("Police station"), max_length=120, required=False)
    occurred_on = date_field(_("Date of the offence"))
    investigating_officer = forms.ModelChoiceField(
        label=_("Investigating officer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Me"),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, officers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigating_officer"].queryset = officers  # type: ignore[attr-defined]

    def draft_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        officer = data.pop("investigating_officer")
        data["investigating_officer_id"] = officer.pk if officer else None
        return data


ORIGIN_FIELD_FOR = {"investigating_officer_id": "investigating_officer"}


class DuplicateReasonForm(forms.Form):
    """Shown on the review step only when the case looks like cases already registered."""

    duplicate_reason = forms.CharField(
        label=_("Why is this a different case?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to register it anyway; kept in the audit log."),
    )


class RouteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of place"), choices=RouteEventKind.choices)
    country = forms.ChoiceField(label=_("Country"))
    district = forms.ChoiceField(label=_("District (in Pakistan)"), required=False)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    date = PartialDateField(
        label=_("Date"), required=False, help_text=_("A year, a year and month, or a full date.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = BLANK + [  # type: ignore[attr-defined]
            (c.code, str(c)) for c in Country.objects.all()
        ]
        self.fields["district"].choices = BLANK + [  # type: ignore[attr-defined]
            (d.code, str(d)) for d in District.objects.all()
        ]


ROUTE_FIELDS = {"kind": "kind", "country": "country", "district": "district", "date": "date"}
