"""Return and repatriation of a referred person.

A foreign victim goes home: the embassy or consulate of the directory, the verification of the
nationality, a travel document, IOM's assisted voluntary return, the planned and actual
departure, and a closure (returned, stayed in Pakistan with a reason, absconded). A Pakistani
returned from abroad is reintegrated: family tracing, a reintegration plan, and follow-ups due 3,
6 and 12 months after the return. A return hangs from one referral and is seen by whoever may
see it (``htms/protection/access.py``). The plan and the follow-ups' notes are sealed at rest.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.common.sealing import SealedTextField
from htms.protection.models.directory import Organisation
from htms.protection.models.referrals import Referral
from htms.reference.models import Country

# Reintegration follow-ups fall due this many months after the return.
FOLLOW_UP_MONTHS = (3, 6, 12)


class ReturnKind(models.TextChoices):
    FOREIGN = "foreign", _("Foreign victim going home")
    RETURNEE = "returnee", _("Pakistani returned from abroad")


class NationalityCheck(models.TextChoices):
    REQUESTED = "requested", _("Verification requested")
    CONFIRMED = "confirmed", _("Nationality confirmed")
    REFUSED = "refused", _("Not confirmed")


class DocumentState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Issued")
    REFUSED = "refused", _("Refused")


class AssistedReturn(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class TravelDocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    EMERGENCY = "emergency", _("Emergency travel document")
    LAISSEZ_PASSER = "laissez_passer", _("Laissez-passer")


class ReturnClosure(models.TextChoices):
    RETURNED = "returned", _("Returned home")
    STAYED = "stayed", _("Stayed in Pakistan")
    ABSCONDED = "absconded", _("Left without notice (absconded)")


class TracingOutcome(models.TextChoices):
    TRACED = "traced", _("Family traced")
    NOT_TRACED = "not_traced", _("Family not traced")
    NOT_SAFE = "not_safe", _("Not safe to return to the family")


class Situation(models.TextChoices):
    STABLE = "stable", _("Stable")
    AT_RISK = "at_risk", _("At risk")
    RE_TRAFFICKED = "re_trafficked", _("Trafficked again")
    LOST_CONTACT = "lost_contact", _("Contact lost")


class Return(models.Model):
    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="return_record"
    )
    kind = models.CharField(_("kind of return"), max_length=10, choices=ReturnKind.choices)
    # Where a foreign victim goes; where a returnee came back from.
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    embassy = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("embassy or consulate"),
    )  # fmt: skip
    nationality_state = models.CharField(
        max_length=10, choices=NationalityCheck.choices, blank=True
    )
    nationality_requested_on = models.DateField(null=True, blank=True)
    nationality_answered_on = models.DateField(null=True, blank=True)
    document_kind = models.CharField(max_length=16, choices=TravelDocumentKind.choices, blank=True)
    document_state = models.CharField(max_length=10, choices=DocumentState.choices, blank=True)
    document_requested_on = models.DateField(null=True, blank=True)
    document_answered_on = models.DateField(null=True, blank=True)
    avr_state = models.CharField(max_length=10, choices=AssistedReturn.choices, blank=True)
    avr_requested_on = models.DateField(null=True, blank=True)
    avr_answered_on = models.DateField(null=True, blank=True)
    departure_planned_on = models.DateField(_("planned departure"), null=True, blank=True)
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    closure = models.CharField(max_length=10, choices=ReturnClosure.choices, blank=True)
    closure_reason = models.CharField(max_length=300, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # A returnee
    returned_on = models.DateField(_("returned to Pakistan on"), null=True, blank=True)
    tracing_outcome = models.CharField(max_length=10, choices=TracingOutcome.choices, blank=True)
    traced_on = models.DateField(null=True, blank=True)
    reintegration_plan = SealedTextField(_("reintegration plan"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="returnee") | models.Q(returned_on__isnull=False),
                name="return_returnee_has_return_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(closure="stayed") | ~models.Q(closure_reason=""),
                name="return_stayed_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(closure="", closed_on__isnull=True)
                | (~models.Q(closure="") & models.Q(closed_on__isnull=False)),
                name="return_closure_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"RT-{self.pk:05d}"


class ReturnFollowUp(models.Model):
    """A reintegration follow-up of a returnee, due some months after the return."""

    return_record = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after the return"))
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    situation = models.CharField(
        _("situation"), max_length=16, choices=Situation.choices, blank=True
    )
    note = SealedTextField(_("note"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["return_record", "months"], name="return_follow_up_once_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(done_on__isnull=True, situation="")
                | (models.Q(done_on__isnull=False) & ~models.Q(situation="")),
                name="return_follow_up_done_has_situation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.return_record_id} +{self.months}"
