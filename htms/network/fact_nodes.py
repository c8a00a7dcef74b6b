"""Labels of the nodes that only dossier facts name (``dossier_links.py``): vehicles,
organisations and places. A promoter's licence is named from the Bureau's list of licensed
promoters (``htms.public``) with its standing there, or said to be missing from it."""

from django.utils.translation import gettext as _

from htms.public.models import LicensedPromoter
from htms.reference.models import Country, District

LICENCE_PREFIX, NAME_PREFIX = "licence:", "name:"


def _organisations(rests: list[str]) -> dict[str, str]:
    numbers = [r.removeprefix(LICENCE_PREFIX) for r in rests if r.startswith(LICENCE_PREFIX)]
    listed = {p.licence_number.upper(): p for p in
              LicensedPromoter.objects.filter(licence_number__in=numbers).order_by()}  # fmt: skip
    labels = {}
    for rest in rests:
        if rest.startswith(NAME_PREFIX):
            labels[f"organization:{rest}"] = rest.removeprefix(NAME_PREFIX)
            continue
        number = rest.removeprefix(LICENCE_PREFIX)
        promoter = listed.get(number)
        labels[f"organization:{rest}"] = (
            _("Licence %(number)s: %(name)s (%(status)s)")
            % {"number": number, "name": promoter.name, "status": promoter.get_status_display()}
            if promoter
            else _("Licence %(number)s (not in the list of licensed promoters)")
            % {"number": number}
        )
    return labels


def _places(rests: list[str]) -> dict[str, str]:
    split = [(rest, *rest.partition(":")[::2]) for rest in rests]
    ids = {kind: [int(v) for _r, k, v in split if k == kind and v.isdigit()]
           for kind in ("district", "country")}  # fmt: skip
    names = {
        ("district", pk): str(d) for pk, d in District.objects.in_bulk(ids["district"]).items()
    }
    names |= {("country", pk): str(c) for pk, c in Country.objects.in_bulk(ids["country"]).items()}
    return {
        f"place:{rest}": names.get((kind, int(value) if value.isdigit() else 0), value)
        for rest, kind, value in split
    }


def fact_node_labels(grouped: dict[str, list[str]]) -> dict[str, str]:
    """Node key -> its label, for the vehicles, organisations and places of ``grouped``."""
    labels = {f"vehicle:{rest}": rest for rest in grouped.get("vehicle", [])}
    labels.update(_organisations(grouped.get("organization", [])))
    labels.update(_places(grouped.get("place", [])))
    return labels
