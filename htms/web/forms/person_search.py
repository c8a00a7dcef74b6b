"""The person search form: what an officer knows of someone, any field enough. The register
search validates it (``htms.identity.inputs.candidate_query_from_params``)."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.identity.inputs import MAX_TEXT

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def _text(label: "_StrPromise", help_text: "str | _StrPromise" = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=MAX_TEXT, help_text=help_text)


class PersonSearchForm(forms.Form):
    name = _text(_("Name"), _("In English or Urdu script; spellings are matched"))
    father_name = _text(_("Father's or husband's name"))
    cnic = _text(_("CNIC"), _("All 13 digits, or the digits you know with X for the others"))
    passport = _text(_("Passport number"))
    phone = _text(_("Phone"))

    def params(self) -> dict[str, str]:
        """The search's parameters, as typed (the register search checks them)."""
        return {name: str(self.data.get(name, "") or "") for name in self.fields}
