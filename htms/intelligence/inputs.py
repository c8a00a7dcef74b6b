"""What a page, the API or an import gives the dossier services."""

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile


@dataclass(frozen=True)
class FactInput:
    kind: str
    value: str = ""
    source_kind: str = ""
    # The case reference for a case source; a lead, call or tip number otherwise.
    source_reference: str = ""
    reliability: str = ""
    credibility: str = ""
    handling_code: str = ""
    district_code: str = ""
    country_code: str = ""
    photo: "UploadedFile[bytes] | None" = None


@dataclass(frozen=True)
class NominationInput:
    reasons: str
    last_known_location: str
    expires_on_text: str = ""
    reward_pkr: int | None = None
    photo: "UploadedFile[bytes] | None" = None
