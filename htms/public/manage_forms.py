"""Forms of the portal's management pages on the officer site."""

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.public.models import NoticeStatus


class PromoterUploadForm(forms.Form):
    file = forms.FileField(label=_("Licensed promoters' list (CSV or XLSX)"))


class NoticeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    alias = forms.CharField(label=_("Alias"), max_length=200, required=False)
    district = forms.CharField(label=_("District"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=NoticeStatus.choices)
    photo = forms.FileField(label=_("Photograph (JPEG or PNG)"), required=False)


class AwarenessTextForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16, "dir": "auto"}),
        help_text=_(
            'Paragraphs separated by an empty line; a line starting with "- " is a list item.'
        ),
    )


class NoticeTrimForm(forms.Form):
    """What of a red-book or black-book draft goes into the notice: the name always."""

    alias = forms.BooleanField(label=_("Publish the alias"), required=False)
    district = forms.BooleanField(label=_("Publish the district"), required=False)
    photo = forms.BooleanField(label=_("Publish the photograph"), required=False)
