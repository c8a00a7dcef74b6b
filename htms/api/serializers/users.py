"""Accounts for administrators: the list's filters, a new account, a change, an action."""

from typing import Any

from rest_framework import serializers

from htms.accounts.administration import AccountStatus
from htms.accounts.models import Role

ACTIONS = {
    "deactivate": "Ends the account: no login, no token; its records stay.",
    "reactivate": "Opens a deactivated account again.",
    "unlock": "Forgets the account's failed logins, so that it is no longer slowed down.",
    "reset_password": "Sets `password` as a temporary password the officer must change at "
    "their next login; with `second_factor` true, also removes their authenticator.",
    "reset_second_factor": "Removes the authenticator and recovery codes (a lost phone).",
}


class AccountQuery(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    unit = serializers.CharField(
        required=False, max_length=32, help_text="A unit's code, e.g. AHTC-LHR."
    )
    status = serializers.ChoiceField(choices=AccountStatus.CHOICES, required=False)


class AccountChangeSerializer(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    unit = serializers.CharField(max_length=32, required=False, help_text="A unit's code.")


class AccountCreateSerializer(serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=Role.choices)
    unit = serializers.CharField(max_length=32, help_text="A unit's code, e.g. AHTC-LHR.")
    password = serializers.CharField(
        max_length=4096,
        trim_whitespace=False,
        style={"input_type": "password"},
        help_text="The initial password; the officer must choose their own at first login.",
    )


class AccountActionSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(
        choices=list(ACTIONS),
        help_text=" ".join(f"`{name}`: {text}" for name, text in ACTIONS.items()),
    )
    password = serializers.CharField(
        max_length=4096,
        trim_whitespace=False,
        required=False,
        style={"input_type": "password"},
        help_text="For `reset_password` only.",
    )
    second_factor = serializers.BooleanField(required=False, default=False)


class AccountSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)
    unit = serializers.CharField(allow_null=True, help_text="The unit's code.")
    is_active = serializers.BooleanField()
    must_change_password = serializers.BooleanField()
    locked = serializers.BooleanField(help_text="Slowed down by failed logins at the moment.")
    last_login = serializers.DateTimeField(allow_null=True)
