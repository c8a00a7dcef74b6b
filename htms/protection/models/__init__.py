"""Victim protection: the service directory, referrals with consent, the caseworker's records
and shelter stays."""

from htms.protection.models.care import (
    CaseNote,
    FollowUp,
    RiskAssessment,
    RiskLevel,
    ShelterStay,
    StayDestination,
    SupportPlan,
)
from htms.protection.models.directory import (
    AcceptedSex,
    Organisation,
    OrganisationKind,
    ServiceType,
)
from htms.protection.models.referrals import (
    ConsentBy,
    CourtMeasure,
    Referral,
    ReferralSource,
    ReferralState,
    SharedField,
)

__all__ = [
    "AcceptedSex",
    "CaseNote",
    "ConsentBy",
    "CourtMeasure",
    "FollowUp",
    "Organisation",
    "OrganisationKind",
    "Referral",
    "ReferralSource",
    "ReferralState",
    "RiskAssessment",
    "RiskLevel",
    "ServiceType",
    "SharedField",
    "ShelterStay",
    "StayDestination",
    "SupportPlan",
]
