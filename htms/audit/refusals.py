"""Refused requests: audited, and slowed down past a limit, so identifiers cannot be probed.

A refusal is a 401 or 403, or a 404 from an address the site knows (a case, a person or a
row that does not exist or is not the caller's to see: the access chokepoints answer 404 for
both). A 404 for an address no page has (a mistyped link, ``/favicon.ico``) is not one.

Each refusal writes a ``refused`` audit row (who, from where, what was asked, the answer)
and counts against the caller, by account and by address, in fixed windows of
``HTMS_REFUSAL_WINDOW_SECONDS``. Past ``HTMS_REFUSAL_LIMIT_PER_USER`` (or the larger
``HTMS_REFUSAL_LIMIT_PER_ADDRESS``, since an office may share one address) every request of
that caller is answered 429 until the window ends; the refusal that crosses the limit is
audited with ``blocked_seconds``, those after it are not, so a probe cannot flood the chain.

Counts live in Django's cache. With the default in-process cache each server process counts
on its own (docs/security.md); point ``CACHES`` at a shared cache to count across processes.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record

logger = logging.getLogger("htms.security")

REFUSAL_STATUSES = frozenset({401, 403, 404})


@dataclass(frozen=True)
class Block:
    """The caller is over a limit until the current window ends."""

    seconds_left: int

    @property
    def minutes_left(self) -> int:
        return -(-self.seconds_left // 60)


def too_many_message(block: Block) -> str:
    return ngettext(
        "Too many refused requests. Please wait %(minutes)d minute before trying again.",
        "Too many refused requests. Please wait %(minutes)d minutes before trying again.",
        block.minutes_left,
    ) % {"minutes": block.minutes_left}


def _window() -> tuple[int, int]:
    """The current window's number and the seconds left in it."""
    length = settings.HTMS_REFUSAL_WINDOW_SECONDS
    now = time.time()
    return int(now // length), max(1, int(length - now % length))


def _keys(user: object, address: str | None, window: int) -> list[tuple[str, int]]:
    keys = [(f"refusals:addr:{address}:{window}", settings.HTMS_REFUSAL_LIMIT_PER_ADDRESS)]
    if isinstance(user, User) and user.is_authenticated:
        keys.append((f"refusals:user:{user.pk}:{window}", settings.HTMS_REFUSAL_LIMIT_PER_USER))
    return keys


def is_refusal(request: HttpRequest, status: int) -> bool:
    if status not in REFUSAL_STATUSES:
        return False
    # A 404 counts only where an address of the site matched: an object lookup refused it.
    return status != 404 or getattr(request, "resolver_match", None) is not None


def refusal_block(*, user: object, address: str | None) -> Block | None:
    """The block in force for this caller, if any. Reads the cache only, never the database.

    Called before the view: by the middleware for the session's user and the address, and
    by the API's throttle (htms/api/throttling.py) once DRF knows the token's user."""
    window, seconds_left = _window()
    keys = _keys(user, address, window)
    counts = cache.get_many([key for key, _ in keys])
    for key, limit in keys:
        if counts.get(key, 0) > limit:
            return Block(seconds_left)
    return None


def refusal_record(request: HttpRequest, status: int) -> None:
    """Counts one refusal against the caller and audits it, unless the caller is over a limit
    already (then only the count grows)."""
    window, seconds_left = _window()
    user = getattr(request, "user", None)
    crossed = False
    for key, limit in _keys(user, request.META.get("REMOTE_ADDR"), window):
        cache.add(key, 0, timeout=settings.HTMS_REFUSAL_WINDOW_SECONDS + 1)
        count = cache.incr(key)
        if count > limit + 1:
            return
        crossed = crossed or count == limit + 1
    actor = user if isinstance(user, User) and user.is_authenticated else None
    changes: dict[str, object] = {
        "method": request.method,
        "path": request.path,
        "status": status,
        "view": request.resolver_match.view_name if request.resolver_match else "",
    }
    if crossed:
        changes["blocked_seconds"] = seconds_left
        logger.warning(
            "refused requests over the limit: %s from %s, answered 429 for %s s",
            actor.username if actor else "anonymous",
            request.META.get("REMOTE_ADDR"),
            seconds_left,
        )
    audit_record(
        actor=actor,
        action=AuditAction.REFUSED,
        object_type=AuditObject.REQUEST,
        object_id=request.path[:40],
        changes=changes,
    )
