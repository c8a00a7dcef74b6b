"""The filters of a network page and the choice of two persons for a path."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.network.graph import MAX_DEPTH, LinkFilter
from htms.network.links import LinkKind

DEFAULT_DEPTH = 2


class NetworkFilterForm(forms.Form):
    depth = forms.IntegerField(
        label=_("Depth"), min_value=1, max_value=MAX_DEPTH, required=False,
        help_text=_("How many links away from the start"),
    )  # fmt: skip
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of link"), choices=LinkKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every kind"),
    )  # fmt: skip
    since = forms.DateField(label=_("Links from"), required=False, help_text=_("YYYY-MM-DD"))
    until = forms.DateField(label=_("Links until"), required=False, help_text=_("YYYY-MM-DD"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end comes before the start."))
        return data

    def depth_asked(self) -> int:
        return (self.cleaned_data.get("depth") if self.is_valid() else None) or DEFAULT_DEPTH

    def link_filter(self) -> LinkFilter:
        """The filter as typed, or no filter at all when the form has errors (shown)."""
        if not self.is_valid():
            return LinkFilter()
        data = self.cleaned_data
        return LinkFilter(frozenset(data.get("kinds") or ()), data.get("since"), data.get("until"))


class PathForm(NetworkFilterForm):
    a = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    b = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NumberForm(forms.Form):
    number = forms.CharField(
        label=_("Phone or account number"), max_length=60,
        help_text=_("A phone in any form, or an account number as recorded"),
    )  # fmt: skip
