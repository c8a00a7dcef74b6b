"""Runs of batch resolution, the pairs they found, supervisors' decisions and the clusters.

Source records are never edited: a merge is a :class:`ClusterMember` row pointing at an
unchanged :class:`~htms.persons.models.Person`, and undoing it is a decision, never a delete.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.persons.models import Person


class ResolutionRun(models.Model):
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Thresholds, model name and the trained parameters, to explain any link later.
    params = models.JSONField(default=dict, blank=True)
    # persons, candidate pairs, links, review, clusters, decisions reused, seconds per step.
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"resolution run {self.pk} ({self.started_at:%Y-%m-%d %H:%M})"


class LinkStatus(models.TextChoices):
    AUTO_LINKED = "auto_linked", _("Linked automatically")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    DECIDED_SAME = "decided_same", _("Decided: same person")
    DECIDED_NOT_SAME = "decided_not_same", _("Decided: not the same person")
    UNSURE = "unsure", _("Decided: cannot tell")


class MatchLink(models.Model):
    """A pair of person records a run found alike, ``person_a`` the lower id."""

    run = models.ForeignKey(ResolutionRun, on_delete=models.CASCADE, related_name="links")
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    status = models.CharField(max_length=16, choices=LinkStatus.choices)
    # Comparison -> {"level": what agreed, "agreement": full, partial, none or unknown}.
    reasons = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-probability", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "person_a", "person_b"], name="match_link_once_per_run"
            ),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="match_link_lower_id_first"
            ),
        ]
        indexes = [models.Index(fields=["status", "-probability"])]

    def __str__(self) -> str:
        return f"{self.person_a_id}~{self.person_b_id} ({self.probability:.3f})"


class Decision(models.TextChoices):
    SAME = "same", _("Same person")
    NOT_SAME = "not_same", _("Not the same person")
    UNSURE = "unsure", _("Cannot tell")


DECISION_STATUS = {
    Decision.SAME: LinkStatus.DECIDED_SAME,
    Decision.NOT_SAME: LinkStatus.DECIDED_NOT_SAME,
    Decision.UNSURE: LinkStatus.UNSURE,
}


class ReviewDecision(models.Model):
    """A supervisor's answer for a pair of records: kept for good, never asked again."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=8, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    probability = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="one_decision_per_pair"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="decision_lower_id_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}~{self.person_b_id}: {self.decision}"


class PersonCluster(models.Model):
    """Records of one human. Only clusters of two or more records are stored."""

    run = models.ForeignKey(
        ResolutionRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"cluster {self.pk}"


class ClusterMember(models.Model):
    cluster = models.ForeignKey(PersonCluster, on_delete=models.CASCADE, related_name="members")
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="cluster_membership"
    )

    def __str__(self) -> str:
        return f"{self.person_id} in {self.cluster_id}"
