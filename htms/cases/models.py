"""Cases: from complaint to appeal, with offences, parties, route, hearings and verdicts."""

from collections.abc import Iterable
from datetime import date

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
    return case.occurred_on or case.fir_date or timezone.localdate(case.registered_at)


class Offence(models.Model):
    """One statute section charged in a case; crime type and ICCS code come from the statute."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="offences")
    statute = models.ForeignKey(Statute, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "statute"], name="offence_once_per_case"),
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
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISCHARGED = "discharged", _("Discharged")


class Verdict(models.Model):
    """The judgment for one accused on one offence, at trial or on appeal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="verdicts")
    accused = models.ForeignKey(CaseParty, on_delete=models.PROTECT, related_name="verdicts")
    offence = models.ForeignKey(Offence, on_delete=models.PROTECT, related_name="verdicts")
    court = models.ForeignKey(Court, on_delete=models.PROTECT)
    date = models.DateField()
    outcome = models.CharField(max_length=12, choices=VerdictOutcome.choices)
    sentence_months = models.PositiveIntegerField(null=True, blank=True)
    fine_pkr = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    on_appeal = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["accused", "offence", "on_appeal"], name="verdict_once_per_level"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="convicted")
                | models.Q(sentence_months__isnull=True, fine_pkr__isnull=True),
                name="verdict_sentence_only_on_conviction",
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
