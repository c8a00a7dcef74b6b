"""CNICs stored with Urdu or Arabic-Indic digits (accepted as typed before the validators wrote
every CNIC in ASCII digits) are rewritten in ASCII digits, with their search-index keys, so that
exact lookups find them. Nothing else changes; there is no way back (nothing to undo)."""

from django.db import migrations
from django.db.models import Q

# Frozen here: a migration must not change when the application's table does.
URDU_DIGITS = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
DIGITS = str.maketrans(URDU_DIGITS, "01234567890123456789")
CNIC_KEY_KINDS = (5, 6)  # identity.KeyKind.CNIC, CNIC_NEAR


def _any_urdu_digit(field: str) -> Q:
    condition = Q()
    for digit in URDU_DIGITS:
        condition |= Q(**{f"{field}__contains": digit})
    return condition


def _rewrite(rows, field: str) -> None:
    for row in rows.filter(_any_urdu_digit(field)).iterator():
        setattr(row, field, getattr(row, field).translate(DIGITS))
        row.save(update_fields=[field])


def forwards(apps, schema_editor):
    documents = apps.get_model("persons", "IdentityDocument").objects.filter(kind="cnic")
    _rewrite(documents, "number")
    keys = apps.get_model("identity", "PersonKey").objects.filter(kind__in=CNIC_KEY_KINDS)
    _rewrite(keys, "value")


class Migration(migrations.Migration):
    dependencies = [
        ("persons", "0001_initial"),
        ("identity", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
