"""Which circle answers for a district: where an emergency is escalated and a call is handed.

Units carry a district, not an area: a circle covers its own district and, for the rest of the
province, the circle at the seat of the province's zonal directorate (Punjab: Lahore, Sindh:
Karachi, Khyber Pakhtunkhwa: Peshawar, Balochistan: Quetta, Islamabad: Islamabad). A district
with neither (Gilgit-Baltistan, Azad Jammu and Kashmir) has no circle: the call-taker chooses.
"""

from htms.reference.models import District, Unit, UnitKind


def circle_for_district(district: District | None) -> Unit | None:
    if district is None:
        return None
    circles = Unit.objects.filter(kind=UnitKind.CIRCLE).order_by("code")
    own = circles.filter(district=district).first()
    if own is not None:
        return own
    zone = Unit.objects.filter(
        kind=UnitKind.ZONAL_DIRECTORATE, province_id=district.province_id, zone__isnull=True
    ).first()
    if zone is None:
        return None
    seat = circles.filter(zone=zone, province_id=district.province_id)
    at_seat = (
        seat.filter(district__isnull=True)
        if zone.district_id is None
        else seat.filter(district_id=zone.district_id)
    )
    return at_seat.first() or seat.first()
