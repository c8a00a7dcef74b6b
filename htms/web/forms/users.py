"""Forms of the administrator's account pages: filter the list, create an account, change its
role or unit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.accounts.administration import AccountStatus
from htms.accounts.models import Role
from htms.reference.models import Unit

ALL = ("", _("All"))


def _unit_field(*, required: bool) -> forms.ModelChoiceField[Unit]:
    return forms.ModelChoiceField(
        label=_("Unit"),
        required=required,
        queryset=Unit.objects.order_by("name"),
        empty_label="---------" if required else ALL[1],
    )


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AccountFilterForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[ALL, *Role.choices])
    unit = _unit_field(required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[ALL, *AccountStatus.CHOICES]
    )


class AccountChangeForm(forms.Form):
    role = _role_field()
    unit = _unit_field(required=True)


class AccountCreateForm(AccountChangeForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only; the officer logs in with it."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        help_text=_("Give it to the officer in person; they must choose their own at first login."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    field_order = ["username", "first_name", "last_name", "role", "unit", "password"]
