"""Reference data: places, organisational units, the statute catalogue and vocabularies.

Loaded from the versioned files in ``reference/data`` by ``htms load_reference``; every row has a
stable ``code`` so reloading updates in place instead of duplicating.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_active_language(english: str, urdu: str) -> str:
    """The Urdu form while Urdu is the active language and the data has one, else the English.

    The one place that picks a reference row's label, so pages, PDFs and forms that print a row
    agree; a row without an Urdu form falls back to English rather than to nothing.
    """
    if urdu and (get_language() or "").startswith("ur"):
        return urdu
    return english


class CrimeType(models.TextChoices):
    TIP = "TIP", _("Trafficking in persons")
    SOM = "SOM", _("Smuggling of migrants")
    DOCUMENT_FRAUD = "DOC", _("Document fraud")
    EMIGRATION = "EMI", _("Emigration offence")
    KIDNAPPING = "KID", _("Kidnapping or abduction")
    BONDED_LABOUR = "BLA", _("Bonded labour")
    FOREIGNERS = "FOR", _("Foreigners offence")
    OTHER = "OTH", _("Other related offence")


class Country(models.Model):
    code = models.CharField(max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2"))
    code3 = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    name_ur = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return in_active_language(self.name, self.name_ur)


class Province(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    name_ur = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return in_active_language(self.name, self.name_ur)


class District(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=100)
    name_ur = models.CharField(max_length=100, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    is_known_source = models.BooleanField(
        default=False, help_text=_("A known source district of irregular migration or trafficking")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return in_active_language(self.name, self.name_ur)


class UnitKind(models.TextChoices):
    HEADQUARTERS = "hq", _("Headquarters")
    ZONAL_DIRECTORATE = "zone", _("Zonal directorate")
    CIRCLE = "ahtc", _("Anti-Human Trafficking Circle")
    ATU = "atu", _("Anti Trafficking Unit")
    IMMIGRATION_POST = "immigration", _("Immigration post")
    POLICE_DISTRICT = "police", _("Provincial police district")
    IATF_AGENCY = "iatf", _("Inter-Agency Task Force member")
    SHELTER = "shelter", _("Shelter")
    NGO = "ngo", _("NGO or service provider")
    HELPLINE = "helpline", _("Help line")


class ExitPointKind(models.TextChoices):
    AIRPORT = "airport", _("Airport")
    SEAPORT = "seaport", _("Seaport")
    LAND = "land", _("Land border post")


class Unit(models.Model):
    """An organisational unit: where users work and cases are registered.

    ``zone`` is the zonal directorate a unit reports to; supervisors at a zonal directorate see
    the cases of every unit in their zone.
    """

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    name_ur = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=UnitKind.choices)
    zone = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="zone_units"
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    exit_point_kind = models.CharField(
        max_length=8,
        choices=ExitPointKind.choices,
        blank=True,
        help_text=_("For immigration posts: the kind of legal exit point"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return in_active_language(self.name, self.name_ur)


class CourtLevel(models.TextChoices):
    TRIAL = "trial", _("Trial court")
    HIGH_COURT = "high_court", _("High Court")
    FEDERAL_SHARIAT = "federal_shariat", _("Federal Shariat Court")
    SUPREME = "supreme", _("Supreme Court")


# How high each level stands: an appeal goes to a court standing higher than the one it is
# from. The High Courts and the Federal Shariat Court both hear appeals from trial courts.
COURT_RANK: dict[str, int] = {
    CourtLevel.TRIAL: 0,
    CourtLevel.HIGH_COURT: 1,
    CourtLevel.FEDERAL_SHARIAT: 1,
    CourtLevel.SUPREME: 2,
}


class Court(models.Model):
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    name_ur = models.CharField(max_length=200, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    level = models.CharField(max_length=16, choices=CourtLevel.choices, default=CourtLevel.TRIAL)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return in_active_language(self.name, self.name_ur)


class Statute(models.Model):
    """One section of one act, with the crime type and ICCS code its offences count under."""

    code = models.CharField(max_length=40, unique=True, help_text=_("e.g. PTPA2018-3"))
    act = models.CharField(max_length=200)
    act_ur = models.CharField(max_length=200, blank=True)
    act_short = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=20)
    description = models.CharField(max_length=300)
    description_ur = models.CharField(max_length=300, blank=True)
    crime_type = models.CharField(max_length=3, choices=CrimeType.choices)
    iccs_code = models.CharField(max_length=10, blank=True)
    in_force = models.BooleanField(default=True)
    needs_legal_review = models.BooleanField(
        default=False, help_text=_("The wording has not been checked against the gazetted text")
    )
    compoundable = models.BooleanField(
        default=False,
        help_text=_("The parties may compromise on it (CrPC s.345); a compromise acquits"),
    )

    class Meta:
        ordering = ["act_short", "section"]

    def __str__(self) -> str:
        return f"{self.act_short} s.{self.section}"

    @property
    def act_text(self) -> str:
        """The act's full name in the active language."""
        return in_active_language(self.act, self.act_ur)

    @property
    def description_text(self) -> str:
        """What the section is about, in the active language."""
        return in_active_language(self.description, self.description_ur)


class Vocabulary(models.TextChoices):
    EXPLOITATION_TYPE = "exploitation_type", _("Type of exploitation")
    MEANS_OF_CONTROL = "means_of_control", _("Means of control")
    PERPETRATOR_ROLE = "perpetrator_role", _("Perpetrator role")
    NETWORK_ROLE = "network_role", _("Network role")


class Term(models.Model):
    """A term of a controlled vocabulary (HTCDS, or HTMS's own network roles)."""

    vocabulary = models.CharField(max_length=32, choices=Vocabulary.choices)
    code = models.CharField(max_length=60)
    label = models.CharField(max_length=120)
    label_ur = models.CharField(max_length=120, blank=True)
    source = models.CharField(max_length=20, default="HTCDS")

    class Meta:
        ordering = ["vocabulary", "label"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code"),
        ]

    def __str__(self) -> str:
        return in_active_language(self.label, self.label_ur)
