"""Users: every user belongs to one unit and holds one role; their API tokens; failed logins."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.reference.models import Unit, UnitKind


class Role(models.TextChoices):
    DATA_ENTRY = "data_entry", _("Data-entry officer")
    INVESTIGATING_OFFICER = "io", _("Investigating officer")
    CIRCLE_INCHARGE = "incharge", _("Circle in-charge")
    MONITORING_CELL = "monitoring", _("ATU monitoring cell")
    ANALYST = "analyst", _("Analyst")
    CASEWORKER = "caseworker", _("Shelter or NGO caseworker")
    ADMINISTRATOR = "admin", _("Administrator")
    CALL_TAKER = "call_taker", _("Help-line call-taker")


# Roles that record and change cases of their own unit.
CASE_WRITER_ROLES = frozenset({Role.DATA_ENTRY, Role.INVESTIGATING_OFFICER, Role.CIRCLE_INCHARGE})
# Roles that read every case in the country, whatever their unit.
NATIONAL_READ_ROLES = frozenset({Role.MONITORING_CELL, Role.ANALYST})


class User(AbstractUser):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.DATA_ENTRY)
    # Set by an administrator's password reset; the user must choose a new one before anything.
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def reads_nationally(self) -> bool:
        if self.role in NATIONAL_READ_ROLES:
            return True
        # Administrators manage users and reference data; caseworkers see referrals only.
        if self.role not in CASE_WRITER_ROLES:
            return False
        return self.unit is not None and self.unit.kind == UnitKind.HEADQUARTERS

    @property
    def supervises_zone(self) -> bool:
        if self.role not in CASE_WRITER_ROLES:
            return False
        return self.unit is not None and self.unit.kind == UnitKind.ZONAL_DIRECTORATE


class TokenEnd(models.TextChoices):
    """Why an API token stopped working before it expired."""

    REVOKED = "revoked", _("Revoked by its owner")
    ADMIN = "admin", _("Revoked by an administrator")
    LOGOUT = "logout", _("Logged out")
    DEACTIVATED = "deactivated", _("Account deactivated")
    PASSWORD = "password", _("Password changed")


class ApiToken(models.Model):
    """One API token. Only a hash of the key is kept: a copied database holds no usable token."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the key, so that its owner can tell tokens apart.
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=16, choices=TokenEnd.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"


class LoginFailure(models.Model):
    """One refused login, counted by address and by username to slow down guessing.

    The username is kept as typed, whether or not such an account exists, so that an unknown
    name is slowed down exactly like a real one and the answers tell nothing apart.
    """

    at = models.DateTimeField()
    address = models.GenericIPAddressField(null=True, blank=True)
    username = models.CharField(max_length=150)
    # A wrong code after a right password: counted per account from every address.
    second_factor = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["address", "at"]),
            models.Index(fields=["username", "address", "at"]),
            models.Index(fields=["username", "second_factor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at:%Y-%m-%d %H:%M}"
