"""Border intake: events at exit points, bulk manifests, screening interviews and their leads."""

from htms.intake.models.events import (
    BorderEvent,
    BorderEventKind,
    FraudKind,
    IntakeStatus,
    MatchBasis,
    ReturnReason,
)
from htms.intake.models.leads import LeadAgent, LeadPayment, LeadRouteLeg, PaymentMethod, Transport
from htms.intake.models.manifests import (
    OPEN_ROW_STATUSES,
    Manifest,
    ManifestRow,
    ManifestSource,
    ManifestStatus,
    RowStatus,
)
from htms.intake.models.screening import Classification, Referral, ReferralTo, Screening

__all__ = [
    "OPEN_ROW_STATUSES",
    "BorderEvent",
    "BorderEventKind",
    "Classification",
    "FraudKind",
    "IntakeStatus",
    "LeadAgent",
    "LeadPayment",
    "LeadRouteLeg",
    "Manifest",
    "ManifestRow",
    "ManifestSource",
    "ManifestStatus",
    "MatchBasis",
    "PaymentMethod",
    "Referral",
    "ReferralTo",
    "ReturnReason",
    "RowStatus",
    "Screening",
    "Transport",
]
