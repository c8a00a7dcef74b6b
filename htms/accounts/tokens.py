"""API tokens: issued after a full login, expiring, listed and revoked by their owner.

A token works for ``HTMS_API_TOKEN_HOURS`` (12) hours. It stops at once when its owner revokes
it, logs out of the web pages, changes their password, or is deactivated, and when an
administrator revokes it. Only a SHA-256 hash of the key is stored; the key is shown once.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from htms.accounts.models import ApiToken, Role, TokenEnd, User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record

DEFAULT_TOKEN_HOURS = 12


def token_lifetime() -> timedelta:
    return timedelta(hours=int(getattr(settings, "HTMS_API_TOKEN_HOURS", DEFAULT_TOKEN_HOURS)))


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: User, now: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its key. Called only after password and second factor."""
    now = now or timezone.now()
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(
        user=user,
        key_hash=_hash(key),
        prefix=key[:8],
        created_at=now,
        expires_at=now + token_lifetime(),
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type=AuditObject.API_TOKEN,
        object_id=token.pk,
        changes={"prefix": token.prefix, "expires_at": token.expires_at},
    )
    return token, key


def api_token_for_key(*, key: str, now: datetime | None = None) -> ApiToken | None:
    """The live token with this key (not revoked, not expired, its user active), or None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(
            key_hash=_hash(key),
            revoked_at=None,
            expires_at__gt=now or timezone.now(),
            user__is_active=True,
        )
        .first()
    )


def api_tokens_live(*, user: User | None = None) -> QuerySet[ApiToken]:
    """Tokens that still work, newest first: of ``user``, or of everyone (administrators)."""
    tokens = ApiToken.objects.select_related("user").filter(
        revoked_at=None, expires_at__gt=timezone.now()
    )
    if user is not None:
        tokens = tokens.filter(user=user)
    return tokens.order_by("-created_at", "-pk")


def api_token_get_for_user(*, user: User, token_id: int) -> ApiToken:
    """A live token its owner or an administrator may revoke; 404 for anyone else's."""
    tokens = api_tokens_live()
    if user.role != Role.ADMINISTRATOR:
        tokens = tokens.filter(user=user)
    token = tokens.filter(pk=token_id).first()
    if token is None:
        raise Http404
    return token


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken, reason: str = TokenEnd.REVOKED) -> None:
    """Stops one token. Reach the token through ``api_token_get_for_user`` first."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return
    token.revoked_at, token.revoked_reason = timezone.now(), reason
    token.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=AuditObject.API_TOKEN,
        object_id=token.pk,
        changes={"owner": token.user.username, "prefix": token.prefix, "reason": reason},
    )


@transaction.atomic
def api_tokens_revoke_all(*, actor: User | None, user: User, reason: str) -> int:
    """Stops every live token of ``user`` (logout, password change, deactivation)."""
    now = timezone.now()
    ids = list(
        ApiToken.objects.select_for_update()
        .filter(user=user, revoked_at=None, expires_at__gt=now)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    ApiToken.objects.filter(pk__in=ids).update(revoked_at=now, revoked_reason=reason)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        object_type=AuditObject.API_TOKEN,
        object_id=user.pk,
        changes={"owner": user.username, "tokens": ids, "reason": reason},
    )
    return len(ids)
