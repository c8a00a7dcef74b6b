"""A published Gazette: the month, both PDFs as printed, and the units it is distributed to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.reference.models import Unit
from htms.web.storage import document_storage


class GazetteIssue(models.Model):
    """One issue per month, published by an analyst or the monitoring cell. The PDFs are kept
    as printed at publication: the archive shows what the units received."""

    month = models.DateField(_("month"), unique=True)  # the first day of the month
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("distribution list"))
    pdf_en = models.FileField(storage=document_storage, upload_to="gazette/%Y/")
    pdf_ur = models.FileField(storage=document_storage, upload_to="gazette/%Y/")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")
