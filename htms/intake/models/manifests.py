"""Bulk manifests: a source (such as the Royal Oman Police deportation list) keeps its column
mapping; each uploaded file keeps its SHA-256, and each of its rows is kept raw with its errors,
so nothing in a file is ever dropped."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.common.sealing import SealedJSONField
from htms.intake.models.events import BorderEvent, BorderEventKind
from htms.reference.models import Country, Unit


class ManifestSource(models.Model):
    """Where manifests come from, as an immigration post knows it. Its column mapping is chosen
    once and reused for every later file of the same source."""

    post = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=BorderEventKind.choices)
    deporting_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mapping = models.JSONField(default=dict, blank=True, help_text=_("field -> column heading"))
    day_first = models.BooleanField(
        default=True, help_text=_("Dates are written day first (25/03/2026)")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["post", "name"], name="manifest_source_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ManifestStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded, not imported yet")
    IMPORTING = "importing", _("Importing")
    IMPORTED = "imported", _("Imported")


class Manifest(models.Model):
    source = models.ForeignKey(ManifestSource, on_delete=models.PROTECT, related_name="manifests")
    post = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    file_kind = models.CharField(max_length=4)
    encoding = models.CharField(max_length=20, blank=True)
    headers = models.JSONField(default=list)
    notes = models.JSONField(default=list, blank=True)
    occurred_on = models.DateField(
        _("date of arrival or offloading"),
        null=True,
        blank=True,
        help_text=_("Used for rows that carry no date of their own"),
    )
    flight_or_vessel = models.CharField(max_length=60, blank=True)
    status = models.CharField(
        max_length=10, choices=ManifestStatus.choices, default=ManifestStatus.UPLOADED
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "sha256"], name="manifest_file_once"),
        ]

    def __str__(self) -> str:
        return self.file_name


class RowStatus(models.TextChoices):
    PENDING = "pending", _("Not imported yet")
    INVALID = "invalid", _("Needs correction")
    DUPLICATE = "duplicate", _("Duplicate row")
    TO_CONFIRM = "to_confirm", _("Identity to confirm")
    IMPORTED = "imported", _("Imported")
    SET_ASIDE = "set_aside", _("Set aside")


# Rows that are still waiting for an officer.
OPEN_ROW_STATUSES = (RowStatus.INVALID, RowStatus.TO_CONFIRM)


class ManifestRow(models.Model):
    """One row of a file as it was read, what is wrong with it, and what it became."""

    manifest = models.ForeignKey(Manifest, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(help_text=_("Row number as the spreadsheet shows it"))
    raw = SealedJSONField(help_text=_("column heading -> cell text, as read"))
    read_notes = models.JSONField(default=list, blank=True)
    corrections = SealedJSONField(default=dict, blank=True, help_text=_("field -> value"))
    status = models.CharField(max_length=10, choices=RowStatus.choices, default=RowStatus.PENDING)
    errors = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    candidates = models.JSONField(default=list, blank=True)
    border_event = models.OneToOneField(
        BorderEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="manifest_row"
    )
    note = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["manifest", "number"]
        indexes = [models.Index(fields=["manifest", "status", "number"])]
        constraints = [
            models.UniqueConstraint(fields=["manifest", "number"], name="manifest_row_once"),
            models.CheckConstraint(
                condition=~models.Q(status="imported") | models.Q(border_event__isnull=False),
                name="manifest_row_imported_has_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manifest_id} row {self.number}"
