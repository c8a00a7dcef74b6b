"""Links that cannot be derived from cases, persons or border intake: accounts and who holds
them, payments, calls from imported call-detail records, and family ties.

Every stored link keeps where it came from (``source_kind`` and ``source_ref``) and its dates.
Links between persons point at the person records as entered; a merge of persons (a cluster of
``htms.resolution``) is applied when the network is read, so undoing the merge restores them
(docs/network.md). Field names follow FollowTheMoney (``payer``, ``beneficiary``, ``caller``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from htms.cases.models import Case
from htms.intelligence.models import Credibility, HandlingCode, Reliability
from htms.persons.models import Person


class SourceKind(models.TextChoices):
    CASE_FILE = "case_file", _("Case file")
    BORDER_INTERVIEW = "interview", _("Border interview")
    CALL_RECORDS = "cdr", _("Call-detail records")
    BANK_RECORDS = "bank", _("Bank or wallet records")
    FINANCIAL_INTELLIGENCE = "fmu", _("Financial intelligence report")
    OFFICER = "officer", _("Officer's report")


class AccountKind(models.TextChoices):
    BANK = "bank", _("Bank account")
    HAWALA = "hawala", _("Hawala account")
    MOBILE_WALLET = "wallet", _("Mobile wallet")


class Channel(models.TextChoices):
    HAWALA = "hawala", _("Hawala")
    BANK = "bank", _("Bank transfer")
    MOBILE_WALLET = "wallet", _("Mobile wallet")
    CASH = "cash", _("Cash")


class Sourced(models.Model):
    """Where a stored link comes from, when it held, the case it belongs to, if any, and how
    far it can be trusted: the grading of the agents register (blank: not graded, as in links
    recorded before grading or by the synthetic demo)."""

    source_kind = models.CharField(max_length=10, choices=SourceKind.choices)
    source_ref = models.CharField(
        max_length=120, help_text=_("File, report or record number in the source")
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reliability = models.CharField(max_length=1, choices=Reliability.choices, blank=True)
    credibility = models.CharField(max_length=1, choices=Credibility.choices, blank=True)
    handling_code = models.CharField(max_length=2, choices=HandlingCode.choices, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        abstract = True


class Account(models.Model):
    """A bank account, a hawala dealer's account or a mobile wallet (FtM ``BankAccount``)."""

    kind = models.CharField(max_length=6, choices=AccountKind.choices)
    number = models.CharField(max_length=60, help_text=_("Account number, IBAN or wallet phone"))
    institution = models.CharField(
        max_length=120, blank=True, help_text=_("Bank, wallet or hawala dealer")
    )
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "institution", "number"], name="network_account_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class AccountHolder(Sourced):
    """A person who holds or uses an account."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="holders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.person_id} holds {self.account_id}"


class Payment(Sourced):
    """Money from a payer to a beneficiary (persons or accounts; at least one of each side)."""

    payer = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    payer_account = models.ForeignKey(
        Account, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    beneficiary = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    beneficiary_account = models.ForeignKey(
        Account, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, help_text=_("ISO 4217"))
    channel = models.CharField(max_length=6, choices=Channel.choices)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="network_payment_positive"),
            models.CheckConstraint(
                condition=Q(payer__isnull=False) | Q(payer_account__isnull=False),
                name="network_payment_has_payer",
            ),
            models.CheckConstraint(
                condition=Q(beneficiary__isnull=False) | Q(beneficiary_account__isnull=False),
                name="network_payment_has_beneficiary",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


class CallRecords(models.Model):
    """One imported file of call-detail records: which operator answered which request, for
    which period. Every call of the file points at it; the file's digest keeps a second upload
    of the same file from adding anything."""

    operator = models.CharField(max_length=60, help_text=_("Mobile operator that sent the file"))
    request_reference = models.CharField(
        max_length=120, help_text=_("Number of the request the operator answered")
    )
    period_start = models.DateField()
    period_end = models.DateField()
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, unique=True)
    calls = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-imported_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="network_cdr_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.operator} {self.request_reference}"


class Call(Sourced):
    """One call of imported call-detail records, between two numbers (E.164); ``start_date`` is
    the day of the call, ``started_at`` its time, ``records`` the file it came from."""

    caller = models.CharField(max_length=20, db_index=True)
    receiver = models.CharField(max_length=20, db_index=True)
    started_at = models.DateTimeField()
    duration_seconds = models.PositiveIntegerField(default=0)
    records = models.ForeignKey(
        CallRecords, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"call {self.pk}"


class FamilyRelation(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Sibling")
    SPOUSE = "spouse", _("Spouse")
    COUSIN = "cousin", _("Cousin")
    OTHER = "other", _("Other relative")


class FamilyTie(Sourced):
    """``relative`` is the ``relationship`` of ``person`` (FtM ``Family``)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    relationship = models.CharField(max_length=8, choices=FamilyRelation.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(person=models.F("relative")), name="network_family_two_persons"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.relationship} {self.relative_id}"
