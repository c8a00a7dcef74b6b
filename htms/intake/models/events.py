"""Border events: a person offloaded at an exit point, or deported or returned to Pakistan.

Each event belongs to the immigration post that recorded it (``post``), which is also the exit
or arrival point. Its processing status moves from registered to a decision; a decision never
makes the person an accused by itself.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.cases.models import ADULT_AGE, Case
from htms.persons.models import Person
from htms.reference.models import Country, Unit


class BorderEventKind(models.TextChoices):
    OFFLOADED = "offloaded", _("Offloaded")
    DEPORTED = "deported", _("Deported or returned")


class FraudKind(models.TextChoices):
    FORGED_PASSPORT = "forged_passport", _("Forged or altered passport")
    FAKE_VISA = "fake_visa", _("Fake visa")
    IMPOSTOR = "impostor", _("Impostor (another person's passport)")
    FALSE_PURPOSE = "false_purpose", _("Genuine visa for a false purpose")
    OTHER = "other", _("Other")


class ReturnReason(models.TextChoices):
    ILLEGAL_ENTRY = "illegal_entry", _("Illegal entry")
    OVERSTAY = "overstay", _("Overstay")
    ASYLUM_REFUSED = "asylum_refused", _("Asylum refused")
    LABOUR_VIOLATION = "labour_violation", _("Labour law violation")
    CRIMINAL = "criminal", _("Criminal offence")
    OTHER = "other", _("Other")


class IntakeStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    INTERVIEWED = "interviewed", _("Interviewed")
    REFERRED = "referred", _("Referred")
    RELEASED = "released", _("Released")
    ARRESTED = "arrested", _("Arrested")
    HANDED_TO_POLICE = "handed_to_police", _("Handed to police")


class MatchBasis(models.TextChoices):
    NEW = "new", _("New person")
    CNIC = "cnic", _("Same CNIC")
    PASSPORT = "passport", _("Same passport")
    OFFICER = "officer", _("Chosen by the officer")


class BorderEvent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="border_events")
    kind = models.CharField(max_length=10, choices=BorderEventKind.choices)
    post = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("exit or arrival point"),
        limit_choices_to={"kind": "immigration"},
    )
    occurred_on = models.DateField(_("date"))
    # Offloading
    destination = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intended destination"),
    )
    travel_document = models.CharField(_("travel document presented"), max_length=40, blank=True)
    fraud_kind = models.CharField(
        _("kind of fraud"), max_length=16, choices=FraudKind.choices, blank=True
    )
    # Deportation or return
    deporting_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.CharField(
        _("reason for return"), max_length=16, choices=ReturnReason.choices, blank=True
    )
    escorted = models.BooleanField(null=True, blank=True)
    flight_or_vessel = models.CharField(_("flight or vessel"), max_length=60, blank=True)
    # Processing
    status = models.CharField(
        max_length=16, choices=IntakeStatus.choices, default=IntakeStatus.REGISTERED
    )
    status_note = models.CharField(max_length=300, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    nationality_doubt = models.BooleanField(
        default=False, help_text=_("Claims to be Pakistani without a matching CNIC")
    )
    nationality_note = models.CharField(max_length=300, blank=True)
    match_basis = models.CharField(max_length=10, choices=MatchBasis.choices)
    identity_confirmed = models.BooleanField(default=False)
    match_candidates = models.JSONField(default=list, blank=True)
    manifest = models.ForeignKey(
        "intake.Manifest", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="border_events"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["post", "occurred_on"]),
            models.Index(fields=["person", "occurred_on"]),
            models.Index(fields=["manifest", "status", "id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="offloaded") | ~models.Q(fraud_kind=""),
                name="border_offloading_has_fraud_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="deported") | models.Q(deporting_country__isnull=False),
                name="border_deportation_has_country",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="deported")
                | models.Q(deporting_country__isnull=True, return_reason="", escorted=None),
                name="border_return_facts_only_on_deportation",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="offloaded")
                | models.Q(destination__isnull=True, fraud_kind=""),
                name="border_offloading_facts_only_on_offloading",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"

    @property
    def minor_by_age(self) -> bool:
        """Whether the person could have been under 18 on the day of the event."""
        age = self.person.youngest_age_on(self.occurred_on)
        return age is not None and age < ADULT_AGE
