"""The victim-screening interview of a border event, and the referrals it prompts.

The answers follow the UN definition of trafficking (act, means, purpose) and the HTCDS
indicators; the questions themselves live in ``htms/intake/questionnaire.py``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.intake.models.events import BorderEvent


class Classification(models.TextChoices):
    POSSIBLE_VICTIM = "possible_victim", _("Possible victim of trafficking")
    SMUGGLED_MIGRANT = "smuggled_migrant", _("Smuggled migrant")
    OTHER_MIGRANT = "other_migrant", _("Other irregular migrant")


class Screening(models.Model):
    event = models.OneToOneField(BorderEvent, on_delete=models.CASCADE, related_name="screening")
    answers = models.JSONField(default=dict, blank=True, help_text=_("question key -> yes or no"))
    minor = models.BooleanField(default=False)
    suggested = models.CharField(max_length=16, choices=Classification.choices)
    classification = models.CharField(max_length=16, choices=Classification.choices)
    change_reason = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    interviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    interviewed_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(classification=models.F("suggested"))
                | ~models.Q(change_reason=""),
                name="screening_change_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.get_classification_display()


class ReferralTo(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    NGO = "ngo", _("NGO or service provider")
    MEDICAL = "medical", _("Medical care")
    LEGAL_AID = "legal_aid", _("Legal aid")
    AHTC = "ahtc", _("FIA Anti-Human Trafficking Circle")
    IOM = "iom", _("IOM")
    OTHER = "other", _("Other")


class Referral(models.Model):
    event = models.ForeignKey(BorderEvent, on_delete=models.CASCADE, related_name="referrals")
    to_kind = models.CharField(_("referred to"), max_length=16, choices=ReferralTo.choices)
    organisation = models.CharField(max_length=200, blank=True)
    referred_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["referred_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_to_kind_display()} {self.referred_on}"
