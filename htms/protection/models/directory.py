"""The service directory: organisations that receive referred victims, kept by administrators.

An organisation may be tied to one ``Unit`` (of kind shelter or NGO): the caseworkers posted at
that unit are the organisation's caseworkers and see the referrals made to it. Organisations
without a unit (a hospital, an embassy) receive referrals that the referring officer follows up.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.reference.models import District, Unit, in_active_language


class OrganisationKind(models.TextChoices):
    """HTCDS 2.0 ``org_Type``."""

    NGO = "NGO", _("NGO")
    LAW_ENFORCEMENT = "LawEnforcement", _("Law enforcement")
    HEALTH = "HealthServiceOrganisation", _("Health service")
    CENTRAL_GOVERNMENT = "CentralGovernmentOrganisation", _("Central government")
    LOCAL_GOVERNMENT = "LocalGovernmentOrganisation", _("Provincial or local government")
    IMMIGRATION = "ImmigrationService", _("Immigration service")
    LEGAL = "LegalService", _("Legal service")
    BUSINESS = "CorporateBusiness", _("Business")
    SCHOOL = "SchoolOrCollege", _("School or college")


class ServiceType(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    COUNSELLING = "counselling", _("Counselling")
    LEGAL_AID = "legal_aid", _("Legal aid")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    VOCATIONAL = "vocational", _("Vocational training")
    REINTEGRATION = "reintegration", _("Reintegration")
    REPATRIATION = "repatriation", _("Repatriation")
    CONSULAR = "consular", _("Consular help")


class AcceptedSex(models.TextChoices):
    ANY = "any", _("Women and men")
    FEMALE = "F", _("Women and girls only")
    MALE = "M", _("Men and boys only")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_ur = models.CharField(_("name (Urdu script)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    unit = models.OneToOneField(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("unit of its caseworkers"),
        limit_choices_to={"kind__in": ["shelter", "ngo"]},
    )
    services = models.JSONField(_("services"), default=list)
    districts = models.ManyToManyField(District, blank=True, verbose_name=_("districts served"))
    accepts_sex = models.CharField(
        _("accepts"), max_length=3, choices=AcceptedSex.choices, default=AcceptedSex.ANY
    )
    min_age = models.PositiveSmallIntegerField(_("youngest age accepted"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("oldest age accepted"), null=True, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    demo_contacts = models.BooleanField(_("contacts are demo values"), default=False)
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="organisation_age_range",
            ),
        ]

    def __str__(self) -> str:
        return in_active_language(self.name, self.name_ur)

    @property
    def service_labels(self) -> list[str]:
        return [str(ServiceType(s).label) for s in self.services if s in ServiceType.values]

    @property
    def is_shelter(self) -> bool:
        return ServiceType.SHELTER in self.services
