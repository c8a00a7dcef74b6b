"""The national register of persons: each human once, whatever roles they hold in cases."""

from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.common.sealing import BlindIndexField, ExactSealedCharField, SealedCharField
from htms.persons.validators import document_number_text
from htms.reference.models import Country, District, Province


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    OTHER = "X", _("Transgender or other")
    UNKNOWN = "U", _("Unknown")


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year only")
    MONTH = "month", _("Year and month")
    DAY = "day", _("Exact date")


class Relation(models.TextChoices):
    SON_OF = "s/o", _("son of")
    DAUGHTER_OF = "d/o", _("daughter of")
    WIFE_OF = "w/o", _("wife of")


class Person(models.Model):
    """A human being. Names in Latin and Urdu script; dates of birth keep their precision."""

    full_name = SealedCharField(_("name (Latin script)"), max_length=200, blank=True)
    full_name_ur = SealedCharField(_("name (Urdu script)"), max_length=200, blank=True)
    relation = models.CharField(max_length=3, choices=Relation.choices, blank=True)
    father_name = SealedCharField(_("father's or husband's name"), max_length=200, blank=True)
    father_name_ur = SealedCharField(
        _("father's or husband's name (Urdu script)"), max_length=200, blank=True
    )
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField(null=True, blank=True)
    birth_date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("claimed nationality"),
    )
    nationality_verified = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified nationality"),
    )
    created_by_unit = models.ForeignKey(
        "reference.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(full_name="", full_name_ur=""),
                name="person_has_a_name",
            ),
            models.CheckConstraint(
                condition=models.Q(birth_date__isnull=True, birth_date_precision="")
                | models.Q(birth_date__isnull=False) & ~models.Q(birth_date_precision=""),
                name="person_birth_date_has_precision",
            ),
        ]

    def __str__(self) -> str:
        return str(self.full_name or self.full_name_ur)

    @property
    def pseudonym(self) -> str:
        """What users without need-to-know see in place of a protected person's identity."""
        year = self.created_at.year if self.created_at else 0
        return f"V-{year}-{self.pk:05d}"

    def youngest_age_on(self, day: date) -> int | None:
        """The lowest age the person can have had on ``day``, given the date's precision."""
        return youngest_age_on(self.birth_date, self.birth_date_precision, day)


def youngest_age_on(born: date | None, precision: str, day: date) -> int | None:
    """The lowest age someone born on ``born`` (known to ``precision``) can have had on
    ``day``; the figures compute it from rows, without a ``Person`` per row."""
    if born is None:
        return None
    if precision == DatePrecision.YEAR:
        born = date(born.year, 12, 31)
    elif precision == DatePrecision.MONTH:
        next_month = date(born.year + born.month // 12, born.month % 12 + 1, 1)
        born = date.fromordinal(next_month.toordinal() - 1)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = SealedCharField(max_length=200)

    def __str__(self) -> str:
        return str(self.name)


class DocumentKind(models.TextChoices):
    CNIC = "cnic", _("CNIC")
    PASSPORT = "passport", _("Passport")
    OTHER = "other", _("Other document")


class IdentityDocument(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=8, choices=DocumentKind.choices)
    number = ExactSealedCharField(max_length=40, help_text=_("Stored in normal form"))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    description = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "number"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {document_number_text(self.kind, self.number)}"


class PersonPhone(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = ExactSealedCharField(max_length=20, help_text=_("E.164"), db_index=True)

    def __str__(self) -> str:
        return str(self.number)


def address_value(district_id: int | None, text: str) -> str:
    """An address as persons share it: its district and its words, in lower case."""
    return f"{district_id or 0}:{' '.join(text.lower().split())}"


def address_match(district_id: int | None, text: str) -> str | None:
    """What ``PersonAddress.match`` indexes: ``address_value``, for an address with a text."""
    return address_value(district_id, text) if text.strip() else None


class PersonAddress(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    text = SealedCharField(max_length=300, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    # The blind index of ``address_match``: the text is sealed, so the persons sharing an
    # address are found by this. Set by ``save``; ``bulk_create`` callers set it themselves.
    match = BlindIndexField(max_length=64, null=True, blank=True, db_index=True, editable=False)

    def __str__(self) -> str:
        return self.text or str(self.district or self.country or "")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.match = address_match(self.district_id, self.text)
        super().save(*args, **kwargs)
