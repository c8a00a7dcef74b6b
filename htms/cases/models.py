"""Cases: from complaint to appeal, with offences, parties, route, hearings and verdicts."""

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.persons.models import DatePrecision, Person
from htms.reference.models import Country, Court, CrimeType, District, Statute, Term, Unit

# Each crime type's bit in Case.crime_mask.
CRIME_TYPE_BITS: dict[str, int] = {code: 1 << i for i, code in enumerate(CrimeType.values)}


def crime_mask(crime_types: Iterable[str]) -> int:
    mask = 0
    for code in crime_types:
        mask |= CRIME_TYPE_BITS[code]
    return mask


def crime_types_in(mask: int) -> list[str]:
    return [code for code, bit in CRIME_TYPE_BITS.items() if mask & bit]


class Stage(models.TextChoices):
    ENQUIRY = "enquiry", _("Complaint or enquiry")
    FIR = "fir", _("FIR registered")
    INVESTIGATION = "investigation", _("Under investigation")
    INTERIM_CHALLAN = "interim_challan", _("Interim challan")
    FINAL_CHALLAN = "final_challan", _("Final challan")
    TRIAL = "trial", _("Under trial")
    JUDGMENT = "judgment", _("Judgment")
    APPEAL = "appeal", _("Appeal")
    CLOSED = "closed", _("Closed")


class Origin(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    HELPLINE = "helpline", _("Help line")
    INTERCEPTION = "interception", _("Interception")
    POLICE_REFERRAL = "police_referral", _("Police referral")
    DEPORTEE_INTERVIEW = "deportee_interview", _("Deportee interview")
    OFFLOADEE_INTERVIEW = "offloadee_interview", _("Offloadee interview")
    NGO_REFERRAL = "ngo_referral", _("NGO referral")
    INTELLIGENCE = "intelligence", _("Intelligence")
    SUO_MOTU = "suo_motu", _("Own initiative")


class ClosureReason(models.TextChoices):
    UNTRACED = "untraced", _("Untraced")
    COMPROMISED = "compromised", _("Compromised")
    TRANSFERRED = "transferred", _("Transferred")
    MERGED = "merged", _("Merged with another case")
    NO_OFFENCE = "no_offence", _("No offence made out")
    DISPOSED = "disposed", _("Finally disposed by court")


class Case(models.Model):
    reference = models.CharField(max_length=40, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cases")
    investigating_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="investigated_cases",
    )
    origin = models.CharField(max_length=24, choices=Origin.choices)
    enquiry_number = models.CharField(max_length=40, blank=True)
    fir_number = models.CharField(_("FIR number"), max_length=40, blank=True)
    fir_date = models.DateField(_("FIR date"), null=True, blank=True)
    police_station = models.CharField(max_length=120, blank=True)
    occurred_on = models.DateField(
        _("date of the offence"),
        null=True,
        blank=True,
        help_text=_("When the offence was committed, if known; ages are computed on this date"),
    )
    summary = models.TextField(blank=True)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.ENQUIRY)
    crime_mask = models.PositiveSmallIntegerField(
        default=0,
        # Not shown to users: no translation.
        help_text=(
            "The crime types among the case's offences, one bit each (CRIME_TYPE_BITS); "
            "written together with the offences, so lists and counts need not join them"
        ),
    )
    court = models.ForeignKey(Court, on_delete=models.PROTECT, null=True, blank=True)
    closure_reason = models.CharField(max_length=16, choices=ClosureReason.choices, blank=True)
    registered_at = models.DateTimeField(default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    is_synthetic = models.BooleanField(default=False)
    historical = models.BooleanField(
        _("historical"),
        default=False,
        help_text=_("Entered from a police ledger; registered on its FIR date, before HTMS"),
    )

    class Meta:
        ordering = ["-registered_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "stage", "-registered_at"]),
            # The case list's order, within a unit and for the whole country: a page reads
            # its rows from the index instead of sorting every case of the unit.
            models.Index(fields=["unit", "-registered_at", "-id"]),
            models.Index(fields=["-registered_at", "-id"]),
            models.Index(fields=["stage", "fir_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(stage="closed") | ~models.Q(closure_reason=""),
                name="case_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


# A person younger than this on the date of the offence is a minor.
ADULT_AGE = 18


def case_offence_date(case: Case) -> date:
    """The date on which ages are computed: the offence, else the FIR, else registration."""
    return offence_date_of(case.occurred_on, case.fir_date, case.registered_at)


def offence_date_of(
    occurred_on: date | None, fir_date: date | None, registered_at: datetime
) -> date:
    """``case_offence_date`` of a case's fields (the figures read them as rows)."""
    return occurred_on or fir_date or timezone.localdate(registered_at)


class Offence(models.Model):
    """One statute section charged in a case; crime type and ICCS code come from the statute.

    Where it was committed is a district of Pakistan or, abroad, a country: one or the other.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="offences")
    statute = models.ForeignKey(Statute, on_delete=models.PROTECT)
    date = models.DateField(_("date of the offence"), null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "statute"], name="offence_once_per_case"),
            models.CheckConstraint(
                condition=models.Q(date__isnull=True, date_precision="")
                | models.Q(date__isnull=False) & ~models.Q(date_precision=""),
                name="offence_date_has_precision",
            ),
            models.CheckConstraint(
                condition=models.Q(district__isnull=True) | models.Q(country__isnull=True),
                name="offence_place_district_or_country",
            ),
        ]

    def __str__(self) -> str:
        return str(self.statute)


class PartyRole(models.TextChoices):
    ACCUSED = "accused", _("Accused")
    VICTIM = "victim", _("Victim")
    SMUGGLED_MIGRANT = "migrant", _("Smuggled migrant")
    WITNESS = "witness", _("Witness")
    COMPLAINANT = "complainant", _("Complainant")


# Roles whose identity is shown only to users with need-to-know.
PROTECTED_ROLES = frozenset({PartyRole.VICTIM, PartyRole.SMUGGLED_MIGRANT})


class AccusedStatus(models.TextChoices):
    AT_LARGE = "at_large", _("At large")
    ARRESTED = "arrested", _("Arrested")
    ON_BAIL = "on_bail", _("On bail")
    PROCLAIMED = "proclaimed", _("Proclaimed offender")
    CUSTODY_ABROAD = "custody_abroad", _("In custody abroad")
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")


class TraffickingStatus(models.TextChoices):
    POSSIBLE = "possible", _("Possible victim of trafficking")
    ACTUAL = "actual", _("Actual victim of trafficking")
    NOT_A_VICTIM = "not_victim", _("Not a victim of trafficking")


class DecidingOrganisation(models.TextChoices):
    POLICE = "police", _("Police or FIA")
    NGO = "ngo", _("NGO")
    COURT = "court", _("Court or prosecution")
    GOVERNMENT = "government", _("Other government organisation")
    OTHER = "other", _("Other")


class CaseParty(models.Model):
    """A person in a role in a case, with the facts that belong to that role."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(max_length=12, choices=PartyRole.choices)
    # Accused
    network_role = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": "network_role"},
    )
    accused_status = models.CharField(max_length=16, choices=AccusedStatus.choices, blank=True)
    # Victim
    trafficking_status = models.CharField(
        max_length=12, choices=TraffickingStatus.choices, blank=True
    )
    status_decided_by = models.CharField(
        max_length=12, choices=DecidingOrganisation.choices, blank=True
    )
    exploitation_types = models.ManyToManyField(
        Term, blank=True, related_name="+", limit_choices_to={"vocabulary": "exploitation_type"}
    )
    means_of_control = models.ManyToManyField(
        Term, blank=True, related_name="+", limit_choices_to={"vocabulary": "means_of_control"}
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "role"], name="party_role_once_per_case"
            ),
            models.CheckConstraint(
                condition=models.Q(role="accused") | models.Q(accused_status=""),
                name="party_accused_status_only_for_accused",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="accused") | ~models.Q(accused_status=""),
                name="party_accused_has_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} in {self.case_id}"


class RouteEventKind(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    TRANSIT = "transit", _("Transit")
    EXPLOITATION = "exploitation", _("Exploitation")
    INTERCEPTION = "interception", _("Interception")


class RouteEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="route_events")
    kind = models.CharField(max_length=12, choices=RouteEventKind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT)
    place = models.CharField(max_length=120, blank=True)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    sequence = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sequence", "date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.place or self.district or self.country}"


class TransitionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class StageChange(models.Model):
    """The stage history. Challan and closure wait for the circle in-charge's approval."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    status = models.CharField(max_length=8, choices=TransitionStatus.choices)
    closure_reason = models.CharField(max_length=16, choices=ClosureReason.choices, blank=True)
    note = models.TextField(blank=True)
    # When the step happened (a challan's date, a judgment's date), apart from when it was
    # entered (requested_at) or decided (decided_at).
    effective_on = models.DateField(_("effective date"))
    backdate_reason = models.TextField(
        _("why it is entered late"),
        blank=True,
        help_text=_("Required when the effective date is well before the day it is entered"),
    )
    # A challan: its number and the court it is filed in (also the step to trial: the court).
    challan_number = models.CharField(_("challan number"), max_length=60, blank=True)
    court = models.ForeignKey(Court, on_delete=models.PROTECT, null=True, blank=True)
    decline_reason = models.TextField(_("why the request was declined"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["effective_on", "requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="stage_change_one_pending_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage} ({self.status})"


class Hearing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    court = models.ForeignKey(Court, on_delete=models.PROTECT)
    date = models.DateField()
    purpose = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    next_date = models.DateField(null=True, blank=True)
    witnesses_due = models.ManyToManyField(CaseParty, blank=True, related_name="hearings_due")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # ``date`` is when the hearing was held; this is when it was entered.
    recorded_at = models.DateTimeField(default=timezone.now)
    backdate_reason = models.TextField(_("why it is entered late"), blank=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_date__isnull=True)
                | models.Q(next_date__gt=models.F("date")),
                name="hearing_next_date_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.court}"


class VerdictOutcome(models.TextChoices):
    # At trial (and at a retrial after a remand)
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISCHARGED = "discharged", _("Discharged")
    # On appeal
    UPHELD = "upheld", _("Upheld on appeal")
    ACQUITTED_ON_APPEAL = "appeal_acquitted", _("Acquitted on appeal")
    SENTENCE_REDUCED = "reduced", _("Sentence reduced on appeal")
    SENTENCE_ENHANCED = "enhanced", _("Sentence enhanced on appeal")
    REMANDED = "remanded", _("Remanded for retrial")


TRIAL_OUTCOMES = frozenset(
    {VerdictOutcome.CONVICTED, VerdictOutcome.ACQUITTED, VerdictOutcome.DISCHARGED}
)
APPEAL_OUTCOMES = frozenset(set(VerdictOutcome) - TRIAL_OUTCOMES)
# Outcomes that leave the accused convicted, whatever the level (an upheld verdict carries the
# sentence when it upholds a conviction, and none when it upholds an acquittal).
SENTENCED_OUTCOMES = frozenset(
    {
        VerdictOutcome.CONVICTED,
        VerdictOutcome.UPHELD,
        VerdictOutcome.SENTENCE_REDUCED,
        VerdictOutcome.SENTENCE_ENHANCED,
    }
)
ACQUITTING_OUTCOMES = frozenset(
    {VerdictOutcome.ACQUITTED, VerdictOutcome.DISCHARGED, VerdictOutcome.ACQUITTED_ON_APPEAL}
)


def verdict_stands_convicted(outcomes: Iterable[str]) -> bool | None:
    """Whether the accused stands convicted after this chain of outcomes (lowest level first):
    True or False, or None while nothing is decided (no verdict yet, or remanded for retrial).
    An upheld verdict keeps what the level below decided."""
    standing: bool | None = None
    for outcome in outcomes:
        if outcome == VerdictOutcome.REMANDED:
            standing = None
        elif outcome in ACQUITTING_OUTCOMES:
            standing = False
        elif outcome != VerdictOutcome.UPHELD:
            standing = True
    return standing


class SentenceKind(models.TextChoices):
    TERM = "term", _("Imprisonment for a term")
    LIFE = "life", _("Imprisonment for life")
    DEATH = "death", _("Death")


class VerdictBasis(models.TextChoices):
    COMPROMISE = "compromise", _("Compromise between the parties")
    PLEA = "plea", _("Plea of guilty")


CURRENCY_PATTERN = r"^[A-Z]{3}$"
# What a conviction carries; an upheld conviction keeps these of the verdict below.
SENTENCE_FIELDS = (
    "sentence_kind",
    "sentence_years",
    "sentence_months",
    "fine_amount",
    "fine_currency",
    "compensation_amount",
    "compensation_currency",
)


class Verdict(models.Model):
    """The judgment for one accused on one offence at one level: 0 the trial, 1 the first
    appeal, 2 the second; after a remand the retrial's judgment is the next level."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="verdicts")
    accused = models.ForeignKey(CaseParty, on_delete=models.PROTECT, related_name="verdicts")
    offence = models.ForeignKey(Offence, on_delete=models.PROTECT, related_name="verdicts")
    court = models.ForeignKey(Court, on_delete=models.PROTECT)
    date = models.DateField()
    level = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=16, choices=VerdictOutcome.choices)
    basis = models.CharField(max_length=12, choices=VerdictBasis.choices, blank=True)
    sentence_kind = models.CharField(max_length=5, choices=SentenceKind.choices, blank=True)
    sentence_years = models.PositiveSmallIntegerField(null=True, blank=True)
    sentence_months = models.PositiveSmallIntegerField(null=True, blank=True)
    fine_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    fine_currency = models.CharField(max_length=3, default="PKR", help_text=_("ISO 4217"))
    compensation_amount = models.DecimalField(
        _("compensation to the victims"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    compensation_currency = models.CharField(max_length=3, default="PKR", help_text=_("ISO 4217"))

    class Meta:
        ordering = ["date", "level", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["accused", "offence", "level"], name="verdict_once_per_level"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=SENTENCED_OUTCOMES)
                | models.Q(
                    sentence_kind="",
                    fine_amount__isnull=True,
                    compensation_amount__isnull=True,
                ),
                name="verdict_sentence_only_on_conviction",
            ),
            models.CheckConstraint(
                condition=models.Q(sentence_kind="term")
                | models.Q(sentence_years__isnull=True, sentence_months__isnull=True),
                name="verdict_years_only_for_a_term",
            ),
            models.CheckConstraint(
                condition=models.Q(sentence_months__isnull=True)
                | models.Q(sentence_months__lte=11),
                name="verdict_months_below_twelve",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    fine_currency__regex=CURRENCY_PATTERN,
                    compensation_currency__regex=CURRENCY_PATTERN,
                ),
                name="verdict_currency_iso",
            ),
            models.CheckConstraint(
                condition=models.Q(basis="")
                | models.Q(basis="plea", outcome="convicted")
                | models.Q(basis="compromise", outcome__in=["acquitted", "appeal_acquitted"]),
                name="verdict_basis_fits_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.date}"


class CaseReferenceCounter(models.Model):
    """The last case number issued by a unit in a year: references never repeat."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="reference_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_number}"
