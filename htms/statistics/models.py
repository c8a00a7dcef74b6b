"""What the ledgers of the years before HTMS say about a case beyond what a case holds: the
victims counted (ledgers count them, they do not name them) and the outcome for the accused,
also as counts, with the column mapping the last import used (``docs/statistics.md``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.cases.models import Case
from htms.common.sealing import SealedJSONField
from htms.reference.models import Court, CrimeType


class LedgerCase(models.Model):
    """One historical case as its ledger row gives it. Victims and accused are counts: no
    person is created for someone the ledger does not name."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="ledger")
    file_name = models.CharField(max_length=255)
    row_number = models.PositiveIntegerField()
    crime_type = models.CharField(
        max_length=3,
        choices=CrimeType.choices,
        blank=True,
        help_text=_("As the ledger writes it; figures count the crime types of the sections"),
    )
    victims_male_adult = models.PositiveIntegerField(default=0)
    victims_male_minor = models.PositiveIntegerField(default=0)
    victims_female_adult = models.PositiveIntegerField(default=0)
    victims_female_minor = models.PositiveIntegerField(default=0)
    victims_unknown = models.PositiveIntegerField(
        default=0, help_text=_("Victims of the total whose sex or age the ledger does not give")
    )
    accused = models.PositiveIntegerField(default=0)
    convicted = models.PositiveIntegerField(default=0)
    acquitted = models.PositiveIntegerField(default=0)
    court = models.ForeignKey(Court, on_delete=models.PROTECT, null=True, blank=True)
    court_text = models.CharField(max_length=200, blank=True)
    judgment_date = models.DateField(null=True, blank=True)
    sentence = models.CharField(max_length=300, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    accused__gte=models.F("convicted") + models.F("acquitted"),
                ),
                name="ledger_outcomes_within_accused",
            ),
            models.CheckConstraint(
                condition=models.Q(convicted=0, acquitted=0)
                | models.Q(judgment_date__isnull=False),
                name="ledger_outcomes_have_judgment_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name}, row {self.row_number}"

    @property
    def victims(self) -> int:
        return (
            self.victims_male_adult
            + self.victims_male_minor
            + self.victims_female_adult
            + self.victims_female_minor
            + self.victims_unknown
        )


class LedgerMapping(models.Model):
    """The ledger columns as last confirmed: field -> heading, offered again for the next
    file (headings differ from one circle's ledger to another's)."""

    mapping = models.JSONField(default=dict, blank=True, help_text=_("field -> column heading"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"ledger mapping {self.pk}"


class LedgerBatch(models.Model):
    """One uploaded ledger file: its columns, the mapping used to read it, and its rows, each
    imported, already in HTMS, waiting for correction or set aside."""

    file_name = models.CharField(max_length=255)
    headers = models.JSONField(default=list)
    notes = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, help_text=_("field -> column heading"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


class LedgerRowStatus(models.TextChoices):
    PENDING = "pending", _("Not imported yet")
    WAITING = "waiting", _("Needs correction")
    ALREADY = "already", _("Already in HTMS")
    IMPORTED = "imported", _("Imported")
    DISMISSED = "dismissed", _("Set aside")


class LedgerBatchRow(models.Model):
    """One row of a ledger file as read (the cells of its mapped columns only), the officer's
    corrections, what is wrong with it and the case it became or already was."""

    batch = models.ForeignKey(LedgerBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(help_text=_("Row number as the spreadsheet shows it"))
    # Sealed although ledger fields hold counts, not names: a column of names mapped by
    # mistake (an "Accused" column listing them) would otherwise wait in the queue in clear.
    raw = SealedJSONField(help_text=_("column heading -> cell text, as read"))
    corrections = SealedJSONField(default=dict, blank=True, help_text=_("field -> value"))
    status = models.CharField(
        max_length=10, choices=LedgerRowStatus.choices, default=LedgerRowStatus.PENDING
    )
    errors = models.JSONField(default=dict, blank=True, help_text=_("field -> messages"))
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["batch", "number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="ledger_row_once"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["imported", "already"])
                | models.Q(case__isnull=False),
                name="ledger_row_imported_has_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id} row {self.number}"


class CountedPerson(models.Model):
    """One person a counting unit counts in one case, with their category in every dimension,
    as the last refresh (``htms/statistics/refresh.py``) computed it: the figures are counts
    of these rows, made in the database. A ledger's row stands for ``weight`` people it counts
    without naming them; a named person weighs 1.

    A multi-valued dimension (crime types, forms of exploitation, ICCS codes) holds its codes
    sorted, each between bars ("|TIP|SOM|"); an empty value means no code at all."""

    unit = models.CharField(max_length=20)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveIntegerField(default=1)
    # The day the person is counted on, in each year basis (``figures.YearBasis``); the
    # judgment's only for the units counted at a judgment.
    registered_on = models.DateField()
    offence_on = models.DateField()
    judged_on = models.DateField(null=True, blank=True)
    province = models.CharField(max_length=8, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    age_group = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    nationality = models.CharField(max_length=2, blank=True)
    crime_type = models.CharField(max_length=60, blank=True)
    exploitation = models.CharField(max_length=400, blank=True)
    offence_district = models.CharField(max_length=16, blank=True)
    origin_district = models.CharField(max_length=16, blank=True)
    iccs = models.CharField(max_length=200, blank=True)
    reach = models.CharField(max_length=20, blank=True)
    destination = models.CharField(max_length=2, blank=True)
    route = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "case"], name="counted_unit_case")]

    def __str__(self) -> str:
        return f"{self.unit} of case {self.case_id}"


class CountedCell(models.Model):
    """How many people a counting unit counts in the whole country with one ``value`` of one
    dimension (as ``CountedPerson`` holds it) in one year of the day column ``day``: summed
    at each refresh on PostgreSQL, so that a figure for a user who sees every case reads its
    cells instead of scanning the people counted."""

    unit = models.CharField(max_length=20)
    day = models.CharField(max_length=20)
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=400, blank=True)
    year = models.PositiveIntegerField()
    people = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["unit", "day"], name="counted_cell_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit} {self.dimension}={self.value} in {self.year}: {self.people}"


class StatisticsRefresh(models.Model):
    """One rebuild of the table of people counted: the figures are as of the last one."""

    refreshed_at = models.DateTimeField()
    rows = models.PositiveIntegerField()
    seconds = models.FloatField()

    class Meta:
        get_latest_by = "refreshed_at"

    def __str__(self) -> str:
        return f"statistics of {self.refreshed_at:%Y-%m-%d %H:%M}"
