"""The agents register: graded facts of an agent's dossier, and the red book (most wanted).

An agent is a person of the one register (``htms.persons``); the dossier adds facts, each
naming its source and carrying an information grading (source reliability A–F, credibility
1–6) and a handling code. The black book (convicted) is never stored: it is derived from
verdicts (``htms/intelligence/black_book.py``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.cases.models import Case
from htms.persons.models import Person
from htms.reference.models import Country, District, Unit
from htms.web.storage import document_storage


class FactKind(models.TextChoices):
    ALIAS = "alias", _("Alias")
    NETWORK_ROLE = "network_role", _("Network role")
    AREA = "area", _("Area of operation")
    MODUS_OPERANDI = "modus_operandi", _("Modus operandi")
    PHONE = "phone", _("Phone")
    ACCOUNT = "account", _("Bank or mobile-wallet account")
    HAWALA = "hawala", _("Hawala contact")
    VEHICLE = "vehicle", _("Vehicle")
    ADDRESS = "address", _("Address")
    PHOTOGRAPH = "photograph", _("Photograph")
    LICENCE = "licence", _("Overseas employment promoter licence")
    ORGANISATION = "organisation", _("Organisation worked through (agency, company)")
    STATUS = "status", _("Status")


class AgentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARRESTED = "arrested", _("Arrested")
    ON_BAIL = "on_bail", _("On bail")
    CONVICTED = "convicted", _("Convicted")
    ABROAD = "abroad", _("Abroad")
    DECEASED = "deceased", _("Deceased")


class SourceKind(models.TextChoices):
    CASE = "case", _("Case")
    SCREENING_LEAD = "screening_lead", _("Screening lead")
    HELPLINE = "helpline", _("Help-line call")
    TIP = "tip", _("Tip")
    MANUAL = "manual", _("Manual entry")


class Reliability(models.TextChoices):
    """The source's reliability (the 6x6 grading used by police intelligence)."""

    A = "A", _("A: completely reliable")
    B = "B", _("B: usually reliable")
    C = "C", _("C: fairly reliable")
    D = "D", _("D: not usually reliable")
    E = "E", _("E: unreliable")
    F = "F", _("F: reliability cannot be judged")


class Credibility(models.TextChoices):
    """How credible the information itself is."""

    CONFIRMED = "1", _("1: confirmed by other sources")
    PROBABLE = "2", _("2: probably true")
    POSSIBLE = "3", _("3: possibly true")
    DOUBTFUL = "4", _("4: doubtful")
    IMPROBABLE = "5", _("5: improbable")
    UNKNOWN = "6", _("6: truth cannot be judged")


class HandlingCode(models.TextChoices):
    """How far the fact may be passed on."""

    SHARE = "H1", _("H1: may be shared with law enforcement")
    CONDITIONS = "H2", _("H2: may be shared only with the conditions noted")
    ORIGINATOR = "H3", _("H3: not to be passed on without the recording unit's consent")


class DossierFact(models.Model):
    """One graded fact about an agent. Facts are never edited: a wrong one is withdrawn with a
    reason, and a new one recorded."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="dossier_facts")
    kind = models.CharField(max_length=16, choices=FactKind.choices)
    value = models.CharField(max_length=300, blank=True)
    # Area of operation: a district of Pakistan or a country.
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    photo = models.FileField(storage=document_storage, upload_to="agents/%Y/%m/", blank=True)
    source_kind = models.CharField(max_length=16, choices=SourceKind.choices)
    source_case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_reference = models.CharField(max_length=120, blank=True)
    reliability = models.CharField(max_length=1, choices=Reliability.choices)
    credibility = models.CharField(max_length=1, choices=Credibility.choices)
    handling_code = models.CharField(max_length=2, choices=HandlingCode.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdraw_reason = models.TextField(blank=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "-recorded_at", "id"]
        indexes = [models.Index(fields=["person", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reliability__in=Reliability.values),
                name="fact_reliability_a_to_f",
            ),
            models.CheckConstraint(
                condition=models.Q(credibility__in=Credibility.values),
                name="fact_credibility_1_to_6",
            ),
            models.CheckConstraint(
                condition=~models.Q(source_kind="case") | models.Q(source_case__isnull=False),
                name="fact_case_source_names_case",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | ~models.Q(withdraw_reason=""),
                name="fact_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    @property
    def grading(self) -> str:
        return f"{self.reliability}{self.credibility} {self.handling_code}"


class RedBookStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for headquarters")
    APPROVED = "approved", _("In the red book")
    DECLINED = "declined", _("Declined by headquarters")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Entries that hold the agent's place in the red book: at most one per agent.
OPEN_RED_BOOK = (RedBookStatus.PENDING, RedBookStatus.APPROVED)


class RedBookEntry(models.Model):
    """A most-wanted nomination by a circle; headquarters approves it. An approved entry
    leaves the red book on its expiry date, or earlier when withdrawn with a reason."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="red_book_entries")
    status = models.CharField(max_length=10, choices=RedBookStatus.choices)
    reasons = models.TextField()
    reward_pkr = models.DecimalField(max_digits=12, decimal_places=0, null=True, blank=True)
    last_known_location = models.CharField(max_length=300)
    expires_on = models.DateField()
    photo = models.FileField(storage=document_storage, upload_to="red-book/%Y/%m/", blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nominating_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdraw_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-nominated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["pending", "approved"]),
                name="red_book_one_open_entry_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(reward_pkr__isnull=True) | models.Q(reward_pkr__gte=0),
                name="red_book_reward_not_negative",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="red_book_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="withdrawn") | ~models.Q(withdraw_reason=""),
                name="red_book_withdrawn_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.status})"


# The Gazette's model lives in its subpackage; imported here so Django finds it.
from htms.intelligence.gazette.models import GazetteIssue  # noqa: E402, F401
