"""API authentication with HTMS's own tokens: expiring, revocable, stored as hashes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from htms.accounts.models import ApiToken, User
from htms.accounts.tokens import api_token_for_key

TOKEN_NOT_VALID = _("The token is not valid, has expired or was revoked. Ask for a new one.")
PASSWORD_CHANGE_FIRST = _("Choose a new password on the HTMS web pages first.")


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``; ``request.auth`` is the ``ApiToken``."""

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = api_token_for_key(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed(TOKEN_NOT_VALID)
        if token.user.must_change_password:
            raise exceptions.AuthenticationFailed(PASSWORD_CHANGE_FIRST)
        return token.user, token
