"""What the caseworker records for a referred person: support plans, follow-ups, risk of
re-trafficking, notes and shelter stays. Free texts are sealed at rest (``sealing.py``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.common.sealing import SealedTextField
from htms.protection.models.directory import Organisation, ServiceType
from htms.protection.models.referrals import Referral

# The shelter strategy: a stay is planned for 60 days.
PLANNED_STAY_DAYS = 60


class SupportPlan(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(_("type of support"), max_length=20, choices=ServiceType.choices)
    objectives = SealedTextField(_("objectives"))
    actions = SealedTextField(_("actions"), blank=True)
    planned_end = models.DateField(_("planned end"))
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    outcome = SealedTextField(_("outcome"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class FollowUp(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = SealedTextField(_("note"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return str(self.due_on)


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class RiskAssessment(models.Model):
    """The risk that the person is trafficked again."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="risks")
    level = models.CharField(_("risk of re-trafficking"), max_length=8, choices=RiskLevel.choices)
    factors = SealedTextField(_("what raises or lowers the risk"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField()

    class Meta:
        ordering = ["assessed_at", "id"]

    def __str__(self) -> str:
        return self.get_level_display()


class CaseNote(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    text = SealedTextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.written_at:%Y-%m-%d}"


class StayDestination(models.TextChoices):
    FAMILY = "family", _("Back to the family")
    ANOTHER_SHELTER = "another_shelter", _("Another shelter")
    INDEPENDENT = "independent", _("Independent living")
    REPATRIATED = "repatriated", _("Repatriated to the country of origin")
    ABSCONDED = "absconded", _("Left without notice (absconded)")
    OTHER = "other", _("Other")


class ShelterStay(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="stays")
    shelter = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="stays")
    admitted_on = models.DateField(_("admitted on"))
    planned_days = models.PositiveSmallIntegerField(_("planned days"), default=PLANNED_STAY_DAYS)
    discharged_on = models.DateField(_("discharged on"), null=True, blank=True)
    destination = models.CharField(
        _("destination"), max_length=16, choices=StayDestination.choices, blank=True
    )
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-admitted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discharged_on__isnull=True, destination="")
                | (
                    models.Q(discharged_on__gte=models.F("admitted_on")) & ~models.Q(destination="")
                ),
                name="shelter_stay_discharge_has_destination",
            ),
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(discharged_on__isnull=True),
                name="shelter_stay_one_open_per_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shelter_id} {self.admitted_on}"
