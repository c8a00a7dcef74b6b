"""A referral of one person to one organisation's service, with the person's consent.

States: proposed -> sent -> accepted or declined -> in service -> completed or closed. The
referring unit proposes and sends; the organisation's caseworkers answer and give the service.
Consent says which identity fields the organisation may see; withdrawn, it shows none.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.cases.models import Case
from htms.intake.models import BorderEvent
from htms.intake.models import Referral as BorderReferral
from htms.persons.models import Person
from htms.protection.models.directory import Organisation, ServiceType
from htms.reference.models import Unit


class ReferralSource(models.TextChoices):
    CASE = "case", _("Victim in a case")
    SCREENING = "screening", _("Border screening")
    HELPLINE = "helpline", _("Help-line call")
    WALK_IN = "walk_in", _("Walk-in")


class ReferralState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_SERVICE = "in_service", _("In service")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed")


class ConsentBy(models.TextChoices):
    PERSON = "person", _("The person")
    GUARDIAN = "guardian", _("A parent or guardian")
    BEST_INTEREST = "best_interest", _("Best-interest decision for a child")


class SharedField(models.TextChoices):
    """What the organisation may see of the person, by consent."""

    NAME = "name", _("Name")
    FATHER_NAME = "father_name", _("Father's or husband's name")
    BIRTH_DATE = "birth_date", _("Date of birth")
    DOCUMENTS = "documents", _("CNIC and passport")
    PHONES = "phones", _("Phone numbers")
    ADDRESS = "address", _("Address")


class CourtMeasure(models.TextChoices):
    SCREEN = "screen", _("Screen in the courtroom")
    IN_CAMERA = "in_camera", _("Hearing in camera")
    VIDEO_LINK = "video_link", _("Evidence by video link")


class Referral(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=ReferralSource.choices)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    border_event = models.ForeignKey(
        BorderEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The border intake's record of the same referral, which marks the event "referred".
    border_referral = models.OneToOneField(
        BorderReferral, on_delete=models.PROTECT, null=True, blank=True, related_name="protection"
    )
    call = models.ForeignKey(
        "helpline.Call", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals"
    )
    service = models.CharField(_("service"), max_length=20, choices=ServiceType.choices)
    reason = models.TextField(_("why the person is referred"), blank=True)
    minor = models.BooleanField(_("minor"), default=False)
    state = models.CharField(
        max_length=12, choices=ReferralState.choices, default=ReferralState.PROPOSED
    )
    state_reason = models.CharField(max_length=300, blank=True)
    closure_reason = models.CharField(max_length=300, blank=True)
    # Consent
    consent_by = models.CharField(_("consent given by"), max_length=16, choices=ConsentBy.choices)
    consent_note = models.CharField(_("consent note"), max_length=300, blank=True)
    shared_fields = models.JSONField(_("shared with the organisation"), default=list, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    # In court
    court_measures = models.JSONField(default=list, blank=True)
    compensation_ordered = models.DecimalField(
        max_digits=12, decimal_places=0, null=True, blank=True
    )
    compensation_paid = models.DecimalField(max_digits=12, decimal_places=0, null=True, blank=True)
    # Times
    proposed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    service_started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "state"]),
            models.Index(fields=["from_unit", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="declined") | ~models.Q(state_reason=""),
                name="referral_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="closed") | ~models.Q(closure_reason=""),
                name="referral_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="helpline") | models.Q(call__isnull=False),
                name="referral_helpline_has_call",
            ),
        ]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def reference(self) -> str:
        return f"R-{self.pk:05d}"

    @property
    def court_measure_labels(self) -> list[str]:
        return [str(CourtMeasure(m).label) for m in self.court_measures if m in CourtMeasure.values]

    @property
    def consent_active(self) -> bool:
        return self.consent_withdrawn_at is None
