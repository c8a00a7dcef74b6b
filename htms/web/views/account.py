"""One's own account: password change, recovery codes, API tokens; all tokens for administrators."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from htms.accounts.credentials import password_change
from htms.accounts.mfa import mfa_enrolled, mfa_recovery_codes_left, mfa_recovery_codes_renew
from htms.accounts.models import Role, TokenEnd
from htms.accounts.tokens import api_token_get_for_user, api_token_revoke, api_tokens_live
from htms.web.forms.auth import PasswordChangeForm
from htms.web.views.common import current_user, run_service


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    context = {
        "enrolled": mfa_enrolled(user),
        "codes_left": mfa_recovery_codes_left(user=user),
        "tokens": list(api_tokens_live(user=user)),
    }
    return render(request, "web/account.html", context)


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_service(
            form,
            lambda: password_change(
                user=user,
                old=form.cleaned_data["old_password"],
                new=form.cleaned_data["new_password1"],
                new_again=form.cleaned_data["new_password2"],
            ),
        )
        if not form.errors:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password is changed. Your API tokens were stopped."))
            return redirect("account")
    return render(request, "web/password_change.html", {"form": form})


@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    codes = mfa_recovery_codes_renew(user=user)
    return render(request, "web/recovery_codes.html", {"codes": codes, "continue_to": "/account/"})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = current_user(request)
    token = api_token_get_for_user(user=user, token_id=token_id)
    reason = TokenEnd.REVOKED if token.user_id == user.pk else TokenEnd.ADMIN
    api_token_revoke(actor=user, token=token, reason=reason)
    messages.success(
        request, _("The token %(prefix)s… no longer works.") % {"prefix": token.prefix}
    )
    return redirect("tokens_all" if request.POST.get("back") == "all" else "account")


@login_required
def tokens_all(request: HttpRequest) -> HttpResponse:
    """Every live API token, for administrators only."""
    if current_user(request).role != Role.ADMINISTRATOR:
        raise PermissionDenied(_("Only administrators see everyone's API tokens."))
    return render(request, "web/tokens_all.html", {"tokens": list(api_tokens_live())})
