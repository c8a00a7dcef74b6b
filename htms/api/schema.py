"""Settings of the OpenAPI schema that belong to this API rather than to the project.

``SCHEMA_SETTINGS`` patches ``SPECTACULAR_SETTINGS`` while the schema is generated: served at
/api/schema/, and for ``manage.py spectacular --custom-settings htms.api.schema.SCHEMA_SETTINGS``.
"""

from typing import Any

from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

# One name per choice set, where several fields share a set or one field name has several.
SCHEMA_SETTINGS: dict[str, Any] = {
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "htms.persons.models.DocumentKind",
        "CaseDocumentKindEnum": "htms.web.models.DocumentKind",
        "RouteEventKindEnum": "htms.cases.models.RouteEventKind",
        "UnitKindEnum": "htms.reference.models.UnitKind",
        "DatePrecisionEnum": "htms.persons.models.DatePrecision",
        "StageEnum": "htms.cases.models.Stage",
        "ClassificationEnum": "htms.intake.models.Classification",
        "RoleEnum": "htms.cases.models.PartyRole",
        "AccountRoleEnum": "htms.accounts.models.Role",
        "TransitionStatusEnum": "htms.cases.models.TransitionStatus",
    },
}


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, for logged-in users only: it maps what the system records."""

    custom_settings = SCHEMA_SETTINGS
    permission_classes = [IsAuthenticated]
