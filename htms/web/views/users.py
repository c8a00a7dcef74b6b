"""Administrators: reset an officer's password or second factor, deactivate an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from htms.accounts.credentials import password_reset_by_admin, user_deactivate
from htms.accounts.models import Role, User
from htms.accounts.tokens import api_tokens_live
from htms.web.forms.auth import PasswordResetForm
from htms.web.views.common import current_user, run_service


def _administrator(request: HttpRequest) -> User:
    user = current_user(request)
    if user.role != Role.ADMINISTRATOR:
        raise PermissionDenied(_("Only administrators manage accounts."))
    return user


def _account(user_id: int) -> User:
    account = User.objects.select_related("unit").filter(pk=user_id).first()
    if account is None:
        raise Http404
    return account


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    users = User.objects.select_related("unit").order_by("username")
    return render(request, "web/users.html", {"accounts": users})


@login_required
@sensitive_post_parameters("password")
def user_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = _administrator(request)
    account = _account(user_id)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_service(
            form,
            lambda: password_reset_by_admin(
                actor=admin,
                user=account,
                password=form.cleaned_data["password"],
                second_factor=form.cleaned_data["second_factor"],
            ),
        )
        if not form.errors:
            done = _("%(name)s must choose a new password at their next login.")
            messages.success(request, done % {"name": account.username})
            return redirect("user_reset", user_id=account.pk)
    tokens = list(api_tokens_live(user=account))
    context = {"account": account, "form": form, "tokens": tokens}
    return render(request, "web/user_reset.html", context)


@login_required
@require_POST
def user_deactivate_page(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = _administrator(request)
    account = _account(user_id)
    if account.pk == admin.pk:
        raise PermissionDenied(_("Ask another administrator to deactivate your own account."))
    user_deactivate(actor=admin, user=account)
    messages.success(request, _("%(name)s is deactivated.") % {"name": account.username})
    return redirect("user_reset", user_id=account.pk)
