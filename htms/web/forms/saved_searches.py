from django import forms
from django.utils.translation import gettext_lazy as _


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of this search"), max_length=80, required=False)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
