"""Identity and caseworker records sealed at rest, under a key from the environment.

Three ways of sealing, each derived from ``HTMS_PROTECTION_KEY`` by HKDF-SHA256 with its own
label, so that no two share a key:

- randomised (``seal``): AES-256-GCM with a random 12-byte nonce per value, for names, addresses
  and free text. Two seals of one name differ; nothing can be looked up by value.
- deterministic (``seal_exact``): AES-SIV, for document and phone numbers. One number always
  gives one token, so ``filter(number=x)`` and ``number__in`` still work, and the database can
  tell that two rows hold the same number (but not which). Prefix and range lookups cannot work.
- blind index (``blind_index``): a truncated HMAC-SHA256, for the search keys of the register.
  One-way: a key can be looked up, never read back.

A copy of the database, a dump or a backup holds only the tokens (``dumpdata`` included); an
edited token is refused rather than read as something else.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, In, IsNull

from htms.common.keys import key_from_settings

DEVELOPMENT_KEY = "development-only-protection-key-not-for-production"
NO_KEY = "Set HTMS_PROTECTION_KEY: production needs its own key for sealed records."
PREFIX = "g1:"
EXACT_PREFIX = "d1:"
NONCE_BYTES = 12
INDEX_BYTES = 16


class SealBroken(ValueError):
    """A sealed value was altered, or sealed under another key."""


def _derived(label: bytes, length: int) -> bytes:
    master = key_from_settings(
        "HTMS_PROTECTION_KEY", development_key=DEVELOPMENT_KEY, missing=NO_KEY
    )
    return _derive(master, label, length)


@lru_cache(maxsize=16)
def _derive(master: bytes, label: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label).derive(master)


def _cipher() -> AESGCM:
    return AESGCM(_derived(b"htms-seal", 32))


def _exact_cipher() -> AESSIV:
    return AESSIV(_derived(b"htms-seal-exact", 64))


def seal(text: str) -> str:
    """The text encrypted and authenticated, as printable ASCII; a new token each time."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    body = _cipher().encrypt(nonce, text.encode(), PREFIX.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + body).decode()


def unseal(token: str) -> str:
    """The text of a sealed value; ``SealBroken`` if it was altered or sealed under another
    key."""
    if not token.startswith(PREFIX):
        raise SealBroken(token[:8])
    try:
        raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode())
        text = _cipher().decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], PREFIX.encode())
    except (InvalidTag, binascii.Error, ValueError) as error:
        raise SealBroken(token[:8]) from error
    return text.decode()


def seal_exact(text: str) -> str:
    """The text encrypted and authenticated, always the same token for the same text."""
    body = _exact_cipher().encrypt(text.encode(), [EXACT_PREFIX.encode()])
    return EXACT_PREFIX + base64.urlsafe_b64encode(body).decode()


def unseal_exact(token: str) -> str:
    if not token.startswith(EXACT_PREFIX):
        raise SealBroken(token[:8])
    try:
        raw = base64.urlsafe_b64decode(token[len(EXACT_PREFIX) :].encode())
        text = _exact_cipher().decrypt(raw, [EXACT_PREFIX.encode()])
    except (InvalidTag, binascii.Error, ValueError) as error:
        raise SealBroken(token[:8]) from error
    return text.decode()


def opened(value: str) -> str:
    """The text of a token of either kind; a value that is not a token is returned as it is
    (codes and numbers that share a column of a UNION with sealed values)."""
    if value.startswith(PREFIX):
        return unseal(value)
    if value.startswith(EXACT_PREFIX):
        return unseal_exact(value)
    return value


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith((PREFIX, EXACT_PREFIX))


def blind_index(value: str) -> str:
    """A one-way keyed digest of ``value`` (22 characters): equal values, equal digests."""
    digest = hmac.new(_derived(b"htms-blind-index", 32), value.encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()[:INDEX_BYTES]).decode().rstrip("=")


def sealed_values(value: Any) -> Any:
    """Every non-empty text inside ``value`` (lists and dicts walked) sealed with ``seal``: for
    the identity values an audit row keeps. Keys and other values are kept as they are."""
    if isinstance(value, str):
        return value if value == "" or is_sealed(value) else seal(value)
    if isinstance(value, dict):
        return {key: sealed_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [sealed_values(item) for item in value]
    return value


# Search fields that may hold a person's name or numbers, wherever an audit row keeps them.
IDENTITY_TERMS = frozenset({"q", "name", "father_name", "cnic", "passport", "phone"})


def sealed_terms(value: Any) -> Any:
    """``value`` (a dict of filters or search terms, nested dicts walked) with the values of
    ``IDENTITY_TERMS`` sealed: a search for a victim's name is itself sensitive."""
    if not isinstance(value, dict):
        return value
    return {
        key: sealed_values(item) if key in IDENTITY_TERMS else sealed_terms(item)
        for key, item in value.items()
    }


def opened_values(value: Any) -> Any:
    """``value`` with every token inside it read back in the clear (a broken one is kept)."""
    if isinstance(value, str) and is_sealed(value):
        try:
            return opened(value)
        except SealBroken:
            return value
    if isinstance(value, dict):
        return {key: opened_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [opened_values(item) for item in value]
    return value


def _loaded(value: Any) -> Any:
    """A value from ``loaddata``: a token is read back in the clear."""
    if is_sealed(value):
        try:
            return opened(value)
        except SealBroken:
            pass  # a text that merely looks sealed is kept as typed
    return value


NOT_SEARCHABLE = (
    "A sealed value cannot be searched in the database: only its emptiness (randomised seals) "
    "or an exact value (deterministic seals). Find persons through the search index."
)


class _EmptyOnly(Exact):
    """``field=""``: the one comparison a randomised seal keeps (a name left empty)."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise FieldError(NOT_SEARCHABLE)
        return super().get_prep_lookup()


def _sealed_lookup(name: str, exact: bool) -> Any:
    """The lookups a sealed field allows; any other is refused (``FieldError``) rather than
    silently finding nothing."""
    if name == "isnull":
        return IsNull
    if name == "exact":
        return Exact if exact else _EmptyOnly
    if name == "in" and exact:
        return In
    raise FieldError(NOT_SEARCHABLE)


class SealedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored sealed (``seal``) and read back in the clear. Not searchable by design."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return value if value in (None, "") else seal(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return value if value in (None, "") else unseal(value)

    def to_python(self, value: Any) -> Any:
        return super().to_python(_loaded(value))

    def value_to_string(self, obj: models.Model) -> str:
        """``dumpdata`` writes the sealed value, never the text."""
        value = self.value_from_object(obj)
        return value if value in (None, "") else seal(str(value))


class SealedCharField(models.CharField):  # type: ignore[type-arg]
    """A name or an address sealed like ``SealedTextField``. ``max_length`` bounds the text as
    typed; the column is text, as the token is longer. Only emptiness can be filtered on."""

    def get_internal_type(self) -> str:
        return "TextField"

    def get_lookup(self, lookup_name: str) -> Any:
        return _sealed_lookup(lookup_name, exact=False)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return value if value in (None, "") else seal(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return value if value in (None, "") else opened(value)

    def to_python(self, value: Any) -> Any:
        return super().to_python(_loaded(value))

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return value if value in (None, "") else seal(str(value))


class ExactSealedCharField(SealedCharField):
    """A document or phone number sealed with ``seal_exact``: ``filter(number=x)`` and
    ``number__in`` work; prefix, range and case-insensitive lookups cannot, by design."""

    def get_prep_value(self, value: Any) -> Any:
        value = models.CharField.get_prep_value(self, value)
        return value if value in (None, "") else seal_exact(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        return _sealed_lookup(lookup_name, exact=True)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return value if value in (None, "") else seal_exact(str(value))


class BlindIndexField(models.CharField):  # type: ignore[type-arg]
    """A search key stored as its ``blind_index``: written and looked up through the same
    digest, never read back (the stored value is the digest)."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return value if value is None else blind_index(str(value))


class SealedJSONField(models.TextField):  # type: ignore[type-arg]
    """A JSON value sealed as one token. Nothing inside it can be queried."""

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return seal(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(unseal(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _loaded(value)
            return json.loads(value) if isinstance(value, str) else value
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return str(self.get_prep_value(self.value_from_object(obj)))
