"""Services of user accounts.

Logging in is in ``htms.accounts.login``, the second factor in ``htms.accounts.mfa``, API tokens
in ``htms.accounts.tokens``, passwords and deactivation in ``htms.accounts.credentials``.
"""
