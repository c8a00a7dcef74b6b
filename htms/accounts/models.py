"""Users: every user belongs to one unit and holds one role."""

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


# Roles that record and change cases of their own unit.
CASE_WRITER_ROLES = frozenset({Role.DATA_ENTRY, Role.INVESTIGATING_OFFICER, Role.CIRCLE_INCHARGE})
# Roles that read every case in the country, whatever their unit.
NATIONAL_READ_ROLES = frozenset({Role.MONITORING_CELL, Role.ANALYST})


class User(AbstractUser):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.DATA_ENTRY)
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

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
