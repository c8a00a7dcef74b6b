"""API tokens: issued, expiring, revoked by their owner or an administrator; audited."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from htms.accounts.models import ApiToken, TokenEnd, User
from htms.accounts.tokens import (
    api_token_for_key,
    api_token_get_for_user,
    api_token_issue,
    api_token_revoke,
    api_tokens_live,
    api_tokens_revoke_all,
)
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_keeps_only_a_hash_of_the_key(alice: User) -> None:
    token, key = api_token_issue(user=alice)
    assert token.key_hash != key and key not in token.key_hash
    assert token.prefix == key[:8]
    assert api_token_for_key(key=key) == token
    assert AuditEvent.objects.filter(actor=alice, action="create", object_type="api_token")


def test_it_expires_after_the_set_hours(alice: User, settings: object) -> None:
    settings.HTMS_API_TOKEN_HOURS = 2  # type: ignore[attr-defined]
    now = timezone.now()
    token, key = api_token_issue(user=alice, now=now)
    assert token.expires_at == now + timedelta(hours=2)
    assert api_token_for_key(key=key, now=now + timedelta(hours=1, minutes=59)) == token
    assert api_token_for_key(key=key, now=now + timedelta(hours=2)) is None


def test_it_stops_a_revoked_token_and_audits_it(alice: User) -> None:
    token, key = api_token_issue(user=alice)
    api_token_revoke(actor=alice, token=token)
    assert api_token_for_key(key=key) is None
    token.refresh_from_db()
    assert token.revoked_reason == TokenEnd.REVOKED
    assert AuditEvent.objects.filter(actor=alice, action="delete", object_type="api_token")


def test_it_stops_the_tokens_of_an_inactive_user(alice: User) -> None:
    _token, key = api_token_issue(user=alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert api_token_for_key(key=key) is None


def test_it_revokes_all_tokens_of_a_user_at_once(alice: User, bob: User) -> None:
    api_token_issue(user=alice)
    api_token_issue(user=alice)
    _bobs, bob_key = api_token_issue(user=bob)
    assert api_tokens_revoke_all(actor=alice, user=alice, reason=TokenEnd.LOGOUT) == 2
    assert not api_tokens_live(user=alice).exists()
    assert api_token_for_key(key=bob_key) is not None
    assert api_tokens_revoke_all(actor=alice, user=alice, reason=TokenEnd.LOGOUT) == 0


def test_an_officer_reaches_only_her_own_tokens(alice: User, bob: User) -> None:
    mine, _ = api_token_issue(user=alice)
    bobs, _ = api_token_issue(user=bob)
    assert api_token_get_for_user(user=alice, token_id=mine.pk) == mine
    with pytest.raises(Http404):
        api_token_get_for_user(user=alice, token_id=bobs.pk)


def test_an_administrator_reaches_every_live_token(adam: User, bob: User) -> None:
    bobs, _ = api_token_issue(user=bob)
    assert api_token_get_for_user(user=adam, token_id=bobs.pk) == bobs
    api_token_revoke(actor=adam, token=bobs, reason=TokenEnd.ADMIN)
    with pytest.raises(Http404):
        api_token_get_for_user(user=adam, token_id=bobs.pk)
    assert ApiToken.objects.get(pk=bobs.pk).revoked_reason == TokenEnd.ADMIN
