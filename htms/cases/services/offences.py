"""Keeping a case's crime types (``Case.crime_mask``) true to its offences."""

from django.db.models import F

from htms.cases.models import CRIME_TYPE_BITS, Case


def case_crime_masks_refresh(*, case_ids: list[int]) -> None:
    """Rewrites ``crime_mask`` of these cases from their offences. For bulk loads, which write
    offences directly; ``case_register`` sets the mask with the offences it writes."""
    Case.objects.filter(pk__in=case_ids).update(crime_mask=0)
    for code, bit in CRIME_TYPE_BITS.items():
        Case.objects.filter(pk__in=case_ids, offences__statute__crime_type=code).update(
            crime_mask=F("crime_mask").bitor(bit)
        )
