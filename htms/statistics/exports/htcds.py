"""The HTCDS 2.0 export: one row per victim, columns named as HTCDS fields with their prefix,
picklist values as HTCDS value names, multi-select values joined with ``|``.

Only fields HTMS holds and that identify nobody are exported: no names, birth date, documents,
phones or addresses, and no exact age (``docs/statistics.md``)."""

from htms.statistics.exports.records import VictimRecord

COLUMNS = (
    "prs_Gender",
    "prs_Citizenship",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_TypeOfExploitation",
    "vic_MethodsOfControl",
    "cas_Status",
)

GENDER = {"F": "Feminine", "M": "Masculine", "X": "NonConforming", "U": "NonSpecifiedUnknown"}
STATUS = {
    "possible": "PossibleVictimOfTrafficking",
    "actual": "ActualVictimOfTrafficking",
    "not_victim": "NotAVictimOfTrafficking",
}
DECIDED_BY = {
    "police": "Police",
    "ngo": "NGO",
    "court": "CourtOrProsecution",
    "government": "NonPoliceGovernmentalOrganization",
    "other": "Other",
}
# HTMS's own forms of exploitation, under the HTCDS value that contains them.
EXPLOITATION = {
    "DomesticServitude": "Servitude",
    "BondedLabour": "ForcedLabour",
    "ForcedCriminality": "Other",
    "CamelJockeying": "Other",
}
# HTMS's means of control whose HTCDS value is spelled differently or has no match.
MEANS = {
    "Threats": "PhysicalThreats",
    "PsychoactiveSubstances": "PsychoactiveSubstance",
    "ThreatOfLawEnforcement": "ThreatsLawEnforcement",
    "RestrictsMovement": "Other",
    "UsesChildren": "Other",
}


def _joined(codes: tuple[str, ...], mapping: dict[str, str]) -> str:
    return "|".join(sorted({mapping.get(code, code) for code in codes}))


def htcds_row(record: VictimRecord) -> dict[str, str]:
    return {
        "prs_Gender": GENDER.get(record.sex, "NonSpecifiedUnknown"),
        "prs_Citizenship": record.nationality,
        "vic_TraffickingStatus": STATUS.get(record.trafficking_status, ""),
        "vic_TraffickingStatusDecisionMakingOrg": DECIDED_BY.get(record.decided_by, ""),
        "vic_TypeOfExploitation": _joined(record.exploitation, EXPLOITATION),
        "vic_MethodsOfControl": _joined(record.means_of_control, MEANS),
        "cas_Status": "Closed" if record.case_closed else "Active",
    }
