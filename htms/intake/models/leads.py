"""Leads from an interview: agents, payments and route legs, kept as structured data linked to
the interviewed person's border event (and, once identified, to the agent's own person)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.intake.models.events import BorderEvent
from htms.persons.models import DatePrecision, Person
from htms.reference.models import Country


class LeadAgent(models.Model):
    event = models.ForeignKey(BorderEvent, on_delete=models.CASCADE, related_name="lead_agents")
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=20, blank=True, help_text=_("E.164"), db_index=True)
    place = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=120, blank=True, help_text=_("What the agent did"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    HAWALA = "hawala", _("Hawala")
    BANK = "bank", _("Bank transfer")
    OTHER = "other", _("Other")


class LeadPayment(models.Model):
    event = models.ForeignKey(BorderEvent, on_delete=models.CASCADE, related_name="lead_payments")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, help_text=_("ISO 4217, e.g. PKR, EUR, OMR"))
    payee = models.ForeignKey(
        LeadAgent, on_delete=models.SET_NULL, null=True, blank=True, related_name="payments"
    )
    paid_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=8, choices=PaymentMethod.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="lead_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


class Transport(models.TextChoices):
    AIR = "air", _("Air")
    SEA = "sea", _("Boat or ship")
    ROAD = "road", _("Vehicle")
    FOOT = "foot", _("On foot")
    OTHER = "other", _("Other")


class LeadRouteLeg(models.Model):
    event = models.ForeignKey(BorderEvent, on_delete=models.CASCADE, related_name="lead_legs")
    sequence = models.PositiveSmallIntegerField(default=0)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    place = models.CharField(max_length=120, blank=True)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    transport = models.CharField(max_length=6, choices=Transport.choices, blank=True)
    conveyance = models.CharField(
        _("boat or vehicle"), max_length=120, blank=True, help_text=_("Name, registration")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["sequence", "id"]

    def __str__(self) -> str:
        return self.place or str(self.country)
