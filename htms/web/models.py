"""What the officer pages keep of their own: saved searches, and the register of case documents.

``CaseDocument`` belongs to the case; it lives here until a documents module exists, so that its
migration stays with the pages that write it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.cases.models import Case
from htms.web.storage import document_storage


class SavedSearch(models.Model):
    """A case-list filter an officer named and kept; only its owner sees it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(max_length=1000, blank=True, help_text=_("The list's query string"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_per_user"),
        ]

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint or application")
    FIR = "fir", _("FIR copy")
    STATEMENT = "statement", _("Statement")
    MEDICAL = "medical", _("Medical report")
    EVIDENCE = "evidence", _("Evidence or seizure memo")
    CHALLAN = "challan", _("Challan")
    COURT_ORDER = "court_order", _("Court order")
    JUDGMENT = "judgment", _("Judgment")
    CORRESPONDENCE = "letter", _("Letter or correspondence")
    OTHER = "other", _("Other")


def document_path(document: "CaseDocument", filename: str) -> str:
    # The original name is kept only in ``original_name``: no officer-typed text in paths.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cases/{document.case_id}/{document.date:%Y%m%d}-{document.kind}.{suffix}"


class CaseDocument(models.Model):
    """A document of a case: a paper held in the case file, or an uploaded scan of it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    date = models.DateField(_("date of the document"))
    file = models.FileField(
        _("scan or file"), upload_to=document_path, storage=document_storage, blank=True
    )
    original_name = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return self.title
