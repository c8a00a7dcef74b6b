"""Forms of logging in and of one's account: password, second-factor code, password change."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from htms.accounts.login import login_password


class LoginForm(AuthenticationForm):
    """Step one, the password, with the throttling and audit of ``htms.accounts.login``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].label = _("Password")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            address = self.request.META.get("REMOTE_ADDR") if self.request else None
            self.user_cache = login_password(
                username=username,
                password=password,
                address=address,
                channel="web",
                request=self.request,
            )
        return self.cleaned_data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_(
            "At least 8 characters, not a common password, not only digits, not like your name."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PasswordResetForm(forms.Form):
    """An administrator's reset: a temporary password the user must change at next login."""

    password = forms.CharField(
        label=_("Temporary password"),
        strip=False,
        help_text=_("Give it to the officer in person; they must choose their own at next login."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    second_factor = forms.BooleanField(
        label=_("Also remove their authenticator app and recovery codes (lost phone)"),
        required=False,
    )
