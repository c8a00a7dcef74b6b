"""Settings of the OpenAPI schema that belong to this API rather than to the project.

``SCHEMA_SETTINGS`` patches ``SPECTACULAR_SETTINGS`` while the schema is generated: served at
/api/schema/, and for ``manage.py spectacular --custom-settings htms.api.schema.SCHEMA_SETTINGS``.
"""

from typing import Any, cast

from django.conf import settings
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

# One name per choice set, where several fields share a set or one field name has several: the
# project's list (settings.SPECTACULAR_SETTINGS, which check --deploy reads) and the unit kinds.
SCHEMA_SETTINGS: dict[str, Any] = {
    "ENUM_NAME_OVERRIDES": {
        **cast(dict[str, str], settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]),
        "UnitKindEnum": "htms.reference.models.UnitKind",
    },
}


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, for logged-in users only: it maps what the system records."""

    custom_settings = SCHEMA_SETTINGS
    permission_classes = [IsAuthenticated]
