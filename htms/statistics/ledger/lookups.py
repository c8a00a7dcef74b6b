"""Units, statute sections and courts as ledgers write them, resolved to reference rows.

Loaded once per file (a few hundred rows of reference data)."""

import re
from dataclasses import dataclass

from htms.intake.fields import normal_heading
from htms.intake.lookups import Lookups
from htms.reference.models import Court, Statute, Unit, UnitKind

# Units whose ledgers hold cases: the circles, the ATUs and the police districts.
LEDGER_UNIT_KINDS = (UnitKind.CIRCLE, UnitKind.ATU, UnitKind.POLICE_DISTRICT)
_SECTION = re.compile(r"\b(\d{1,3})\s*-?\s*([a-z])?\b")
_YEAR = re.compile(r"\s*\b(1[89]|20)\d\d\b")


def _section_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


@dataclass
class LedgerLookups:
    places: Lookups
    units: dict[str, Unit]
    unit_names: list[tuple[set[str], Unit]]
    acts: dict[str, dict[str, str]]
    courts: dict[str, Court]
    crime_types: dict[str, str]

    @classmethod
    def load(cls) -> "LedgerLookups":
        units: dict[str, Unit] = {}
        names: list[tuple[set[str], Unit]] = []
        for unit in Unit.objects.filter(kind__in=LEDGER_UNIT_KINDS).select_related("province"):
            for text in (unit.code, unit.name, unit.name_ur):
                if text:
                    units.setdefault(normal_heading(text), unit)
            names.append((set(normal_heading(unit.name).split()), unit))
        acts: dict[str, dict[str, str]] = {}
        crime_types: dict[str, str] = {}
        for statute in Statute.objects.all():
            crime_types[statute.code] = statute.crime_type
            for alias in _act_aliases(statute):
                acts.setdefault(alias, {})[_section_key(statute.section)] = statute.code
        courts = {normal_heading(c.code): c for c in Court.objects.all()}
        for court in Court.objects.all():
            courts.setdefault(normal_heading(court.name), court)
        return cls(Lookups.load(), units, names, acts, courts, crime_types)

    def unit(self, text: str) -> list[Unit]:
        """The unit a ledger names by code or name, or every unit whose name holds its words."""
        key = normal_heading(text)
        if key in self.units:
            return [self.units[key]]
        words = set(key.split())
        return [unit for name, unit in self.unit_names if words and words <= name]

    def court(self, text: str) -> Court | None:
        return self.courts.get(normal_heading(text))

    def statutes(self, text: str) -> tuple[list[str], list[str]]:
        """The statute codes a "law and sections" cell names, and the parts not understood.
        Groups are separated by ";"; a group names one act and one or more of its sections,
        as in "420/468/471 PPC" or "PTPA 2018 s.3"."""
        codes: list[str] = []
        unread: list[str] = []
        for group in (g.strip() for g in text.split(";")):
            if not group:
                continue
            found = self._group(group)
            if found:
                codes.extend(found)
            else:
                unread.append(group)
        return list(dict.fromkeys(codes)), unread

    def _group(self, group: str) -> list[str]:
        key = normal_heading(group)
        for alias in sorted(self.acts, key=len, reverse=True):
            if re.search(rf"(^|\s){re.escape(alias)}(\s|$)", key):
                rest = key.replace(alias, " ")
                sections = [_section_key(f"{n}{x or ''}") for n, x in _SECTION.findall(rest)]
                sections = [s for s in sections if s]
                table = self.acts[alias]
                if sections and all(s in table for s in sections):
                    return [table[s] for s in sections]
                return []
        code = group.strip().upper()
        return [code] if code in self.crime_types else []


def _act_aliases(statute: Statute) -> set[str]:
    names = (statute.act_short, statute.act)
    prefix = statute.code.rsplit("-", 1)[0].casefold()
    aliases = {normal_heading(n) for n in names} | {normal_heading(_YEAR.sub("", n)) for n in names}
    return (aliases | {prefix}) - {""}
