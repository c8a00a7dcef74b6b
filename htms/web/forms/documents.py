from django import forms
from django.utils.translation import gettext_lazy as _

from htms.web.forms.fields import date_field
from htms.web.models import DocumentKind


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    date = date_field(_("Date of the document"), required=True)
    file = forms.FileField(
        label=_("Scan or file (optional)"),
        required=False,
        help_text=_("PDF, JPEG or PNG, up to 10 MB. Leave empty for a paper-only document."),
    )
