"""The search index of persons: exact-match keys derived from names, numbers and dates.

Rows are derived data, rebuilt by ``person_keys_refresh`` (after every person write) and by
``htms reindex_persons`` (for bulk-loaded data); nothing else writes them and nothing is lost by
deleting them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from htms.common.sealing import BlindIndexField
from htms.persons.models import Person


class KeyKind(models.IntegerChoices):
    NAME = 1, _("name token skeleton")
    NAME_PAIR = 2, _("two name token skeletons")
    FATHER = 3, _("father's name token skeleton")
    FATHER_PAIR = 4, _("two father's name token skeletons")
    CNIC = 5, _("CNIC")
    CNIC_NEAR = 6, _("CNIC with one block of digits left out")
    PASSPORT = 7, _("passport number")
    PHONE = 8, _("phone number")
    NAME_YEAR = 9, _("name token skeleton and birth year")
    NAME_FATHER = 10, _("name token skeleton and father's name token skeleton")


class PersonKey(models.Model):
    """One exact key of one person. The index on (kind, value, person) answers every lookup."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.PositiveSmallIntegerField(choices=KeyKind.choices)
    value = BlindIndexField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["kind", "value", "person"], name="identity_key_lookup")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
