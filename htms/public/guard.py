"""What keeps machines off the report form without any third-party service: a proof of work
(ALTCHA, solved by the browser with ``static/public/pow.js``), a honeypot field, and rate
limits per address and over the whole site.

Counts live in Django's cache, in fixed windows, like the refused-request counts of
``htms/audit/refusals.py``; a solved challenge is remembered there until it expires, so one
solution sends one report.
"""

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Literal

from altcha.v1 import ChallengeOptions, Payload, create_challenge, verify_solution
from django.conf import settings
from django.core.cache import cache

from htms.audit.refusals import Block

# The proof of work is SHA-256 over the challenge's salt and a number the browser searches for.
ALGORITHM: Literal["SHA-256"] = "SHA-256"


def _hmac_key() -> str:
    return f"public-portal-pow:{settings.SECRET_KEY}"


def pow_challenge() -> str:
    """A new signed challenge, as the JSON the form carries for the browser to solve."""
    options = ChallengeOptions(
        algorithm=ALGORITHM,
        max_number=settings.HTMS_PUBLIC_POW_MAX_NUMBER,
        salt_length=12,
        hmac_key=_hmac_key(),
        expires=datetime.now(UTC) + timedelta(seconds=settings.HTMS_PUBLIC_POW_SECONDS),
    )
    challenge = create_challenge(options)
    return json.dumps(challenge.to_dict())


def pow_accepted(payload: str) -> bool:
    """Whether ``payload`` (base64 JSON from the browser) solves a challenge of this site that
    has not expired and has not been used before; a used one is remembered until it expires."""
    if not payload or len(payload) > 2000:
        return False
    verified, _error = verify_solution(payload, _hmac_key(), True)
    if not verified:
        return False
    solution = Payload.from_base64(payload)
    return cache.add(f"public:pow:{solution.challenge}", 1, settings.HTMS_PUBLIC_POW_SECONDS + 60)


def _window() -> tuple[int, int]:
    length = settings.HTMS_PUBLIC_REPORT_WINDOW_SECONDS
    now = time.time()
    return int(now // length), max(1, int(length - now % length))


def report_block(*, address: str | None) -> Block | None:
    """Counts one attempt to send a report and returns the block if it is one too many, for
    the address or for the whole site (a flood from many addresses)."""
    window, seconds_left = _window()
    limits = [
        (f"public:reports:addr:{address}:{window}", settings.HTMS_PUBLIC_REPORTS_PER_ADDRESS),
        (f"public:reports:all:{window}", settings.HTMS_PUBLIC_REPORTS_OVERALL),
    ]
    blocked = False
    for key, limit in limits:
        cache.add(key, 0, timeout=settings.HTMS_PUBLIC_REPORT_WINDOW_SECONDS + 1)
        blocked = blocked or cache.incr(key) > limit
    return Block(seconds_left) if blocked else None
