"""Forms of the manifest pages: sources, uploads, the column mapping, corrections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from htms.intake.fields import FIELDS
from htms.intake.models import BorderEventKind, ManifestSource
from htms.intake.parsing.scan import TOO_BIG, megabytes
from htms.reference.models import Country

# Fields a manifest can fill that a correction form offers.
CORRECTABLE = list(FIELDS)


class SourceForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the source"),
        max_length=120,
        help_text=_("For example: Royal Oman Police deportation list."),
    )
    kind = forms.ChoiceField(label=_("The lists are of"), choices=BorderEventKind.choices)
    deporting_country = forms.ModelChoiceField(
        label=_("Deporting country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        help_text=_("For deportation lists that name no country on each row."),
    )
    day_first = forms.BooleanField(
        label=_("Dates are written day first (25/03/2026)"), required=False, initial=True
    )


class UploadForm(forms.Form):
    source: forms.ModelChoiceField[ManifestSource] = forms.ModelChoiceField(
        label=_("Source"), queryset=ManifestSource.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("List (CSV or Excel .xlsx)"),
        help_text=_("Any encoding; the first sheet of a workbook is read."),
    )
    occurred_on = forms.DateField(
        label=_("Date of arrival or offloading"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For rows that carry no date of their own."),
    )
    flight_or_vessel = forms.CharField(label=_("Flight or vessel"), max_length=60, required=False)

    def __init__(self, *args: Any, sources: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources  # type: ignore[attr-defined]

    def clean_file(self) -> UploadedFile[Any]:
        """Refuses a file past the size limit before it is read at all."""
        upload: UploadedFile[Any] = self.cleaned_data["file"]
        limit = settings.HTMS_UPLOAD_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(TOO_BIG % {"limit": megabytes(limit)})
        return upload


class MappingForm(forms.Form):
    """One choice of column per field, and the date order."""

    day_first = forms.BooleanField(
        label=_("Dates are written day first (25/03/2026)"), required=False
    )

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in this list —")), *[(h, h) for h in headers]]
        for f in FIELDS:
            self.fields[f.key] = forms.ChoiceField(
                label=str(f.label), choices=choices, required=False
            )

    def mapping(self) -> dict[str, str]:
        return {f.key: self.cleaned_data.get(f.key, "") for f in FIELDS}


class CorrectionForm(forms.Form):
    """The row's values as mapped, to correct; every field is text, checked by the service."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in CORRECTABLE:
            self.fields[f.key] = forms.CharField(label=str(f.label), required=False, max_length=300)

    def corrections(self) -> dict[str, str]:
        return {f.key: self.cleaned_data.get(f.key, "") for f in CORRECTABLE}


class SetAsideForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Why is this row set aside?"), max_length=300)


class ChoosePersonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    person = forms.CharField(required=False)  # a candidate's id, or empty for a new person
