"""The 24/7 help line: calls, their call-backs, and the leads about agents they give.

A call belongs to the help-line unit that took it (``unit``). ``circle`` is the circle a call
was escalated or handed to; its officers see the call from then on. A call becomes a case
(``case``, origin "help line") registered by that circle, and leads (``Lead``) for analysts.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.cases.models import Case
from htms.common.sealing import SealedCharField
from htms.reference.models import District, Unit


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    WALK_IN = "walk_in", _("Walk-in")
    # Anonymous reports of the public web site (htms/public) land here, never in cases.
    WEB_REPORT = "web_report", _("Web report")


class Category(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    VICTIM_HELP = "victim_help", _("A victim needing help")
    AGENT_TIP = "agent_tip", _("A tip about an agent")
    INFORMATION = "information", _("Information")
    OFFICIAL_COMPLAINT = "official_complaint", _("A complaint against an official")


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate")
    TODAY = "today", _("Within the day")
    ROUTINE = "routine", _("Routine")


class CallLanguage(models.TextChoices):
    URDU = "ur", _("Urdu")
    ENGLISH = "en", _("English")
    PUNJABI = "pa", _("Punjabi")
    SINDHI = "sd", _("Sindhi")
    PASHTO = "ps", _("Pashto")
    BALOCHI = "bal", _("Balochi")
    OTHER = "other", _("Other language")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ESCALATED = "escalated", _("Escalated to a circle")
    TO_REGISTER = "to_register", _("Handed to a circle to register")
    REGISTERED = "registered", _("Registered as a case")
    CLOSED = "closed", _("Closed")


class Call(models.Model):
    reference = models.CharField(max_length=24, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="helpline_calls")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    started_at = models.DateTimeField()
    # The first answer: picking up the phone, or the first reply to a message or e-mail.
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    anonymous = models.BooleanField(default=False)
    caller_name = SealedCharField(max_length=200, blank=True)
    caller_phone = SealedCharField(max_length=20, blank=True, help_text=_("E.164"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=8, choices=CallLanguage.choices)
    summary = models.TextField()
    category = models.CharField(max_length=24, choices=Category.choices)
    urgency = models.CharField(max_length=16, choices=Urgency.choices)
    status = models.CharField(max_length=16, choices=CallStatus.choices, default=CallStatus.OPEN)
    circle = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="helpline_handed"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="helpline_calls"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["circle", "acknowledged_at"]),
            models.Index(fields=["status", "started_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(anonymous=True)
                | (models.Q(caller_name="") & models.Q(caller_phone="")),
                name="helpline_call_anonymous_has_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class CallBack(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="callbacks")
    planned_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["planned_at", "id"]

    def __str__(self) -> str:
        return f"{self.call_id} at {self.planned_at:%Y-%m-%d %H:%M}"


class Lead(models.Model):
    """What a caller said about an agent, for analysts: never a person of the register."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="leads")
    agent_name = models.CharField(max_length=200, blank=True)
    agent_phone = models.CharField(max_length=20, blank=True, help_text=_("E.164"))
    what_was_said = models.TextField()
    # The circle the lead concerns (the caller's district's), whose officers read it too.
    circle = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="helpline_leads"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.agent_name or f"lead {self.pk}"


class CallReferenceCounter(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
