"""Victim protection: the service directory, referrals with consent, the caseworker's records,
shelter stays, and returns home or from abroad."""

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
from htms.protection.models.returns import (
    AssistedReturn,
    DocumentState,
    NationalityCheck,
    Return,
    ReturnClosure,
    ReturnFollowUp,
    ReturnKind,
    Situation,
    TracingOutcome,
    TravelDocumentKind,
)

__all__ = [
    "AcceptedSex",
    "AssistedReturn",
    "CaseNote",
    "ConsentBy",
    "CourtMeasure",
    "DocumentState",
    "FollowUp",
    "NationalityCheck",
    "Organisation",
    "OrganisationKind",
    "Referral",
    "ReferralSource",
    "ReferralState",
    "Return",
    "ReturnClosure",
    "ReturnFollowUp",
    "ReturnKind",
    "RiskAssessment",
    "RiskLevel",
    "ServiceType",
    "SharedField",
    "ShelterStay",
    "Situation",
    "StayDestination",
    "SupportPlan",
    "TracingOutcome",
    "TravelDocumentKind",
]
