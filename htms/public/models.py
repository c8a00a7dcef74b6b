"""What the public portal holds: the licensed promoters' list, the warnings approved for
publication, reports sent by the public, and the awareness pages.

None of these is a person of the register: a promoter, a notice or a report never points to a
``Person`` or a case the public can reach, so nothing the portal shows can carry a victim's
identity. A report points to the help-line call it became, a notice to the red-book entry or the
convicted agent it was prepared from; the portal shows neither.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.web.storage import DocumentStorage


class PromoterStatus(models.TextChoices):
    VALID = "valid", _("Licensed")
    SUSPENDED = "suspended", _("Licence suspended")
    CANCELLED = "cancelled", _("Licence cancelled")


class LicensedPromoter(models.Model):
    """One overseas employment promoter of the Bureau of Emigration's list, as imported."""

    licence_number = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=16, choices=PromoterStatus.choices)
    valid_until = models.DateField(null=True, blank=True)
    # Search keys (htms/public/matching.py): " skeleton skeleton " and the phone in E.164.
    name_key = models.CharField(max_length=400, blank=True, db_index=True)
    phone_key = models.CharField(max_length=20, blank=True, db_index=True)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["licence_number"]

    def __str__(self) -> str:
        return f"{self.licence_number} {self.name}"


class NoticeStatus(models.TextChoices):
    WANTED = "wanted", _("Wanted by FIA (red book)")
    CONVICTED = "convicted", _("Convicted (black book)")


class PublishedNotice(models.Model):
    """A wanted or convicted agent as the public may see them: only the fields approved for
    publication. Shown only once approved; its source entry stays on the officer side."""

    name = models.CharField(max_length=200)
    alias = models.CharField(max_length=200, blank=True)
    photo = models.FileField(storage=DocumentStorage(), upload_to="public/notices/", blank=True)
    district = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=16, choices=NoticeStatus.choices)
    name_key = models.CharField(max_length=400, blank=True, db_index=True)
    alias_key = models.CharField(max_length=400, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    approved_for_publication_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_for_publication_at = models.DateTimeField(null=True, blank=True)
    # Where a notice was prepared from (``services/notice_sources.py``), never shown to the
    # public: the red-book entry (the notice stops showing when the entry is withdrawn or
    # expires), or the convicted agent of the black book. Empty for a notice typed by hand.
    red_book_entry = models.ForeignKey(
        "intelligence.RedBookEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_notices",
    )
    convicted_person = models.ForeignKey(
        "persons.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_for_publication_by__isnull=True)
                | models.Q(approved_for_publication_at__isnull=False),
                name="public_notice_approval_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ReportKind(models.TextChoices):
    AGENT = "agent", _("Report an agent")
    HELP = "help", _("Ask for help")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Taken by the help line")


class PublicReport(models.Model):
    """A report or a call for help sent through the portal, anonymous unless the sender left a
    way to reach them. A lead for the help line's triage, never a case."""

    code = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=8, choices=ReportKind.choices)
    what = models.TextField()
    who = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    where = models.CharField(max_length=300, blank=True)
    when = models.CharField(max_length=100, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8)
    received_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default=ReportStatus.NEW)
    # The help-line call the report became on arrival (``report_submit``); the call reads its
    # report as ``call.public_report``.
    call = models.OneToOneField(
        "helpline.Call",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_report",
    )

    class Meta:
        ordering = ["received_at"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return self.code


class ReportAddition(models.Model):
    """Information the sender added later, with the report's code."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="additions")
    text = models.TextField()
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"{self.report.code} +{self.pk}"


class AwarenessPage(models.Model):
    """A page of advice for the public (safe migration, signs of trafficking, routes, rights,
    help lines), written per language by administrators."""

    slug = models.SlugField(max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.slug


class AwarenessText(models.Model):
    page = models.ForeignKey(AwarenessPage, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    # Paragraphs separated by blank lines; a line starting with "- " is a list item.
    body = models.TextField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="public_awareness_one_text")
        ]

    def __str__(self) -> str:
        return f"{self.page.slug} ({self.language})"
