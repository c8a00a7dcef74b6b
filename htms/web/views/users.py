"""Administrators: the list of accounts, a new account, an account's page (role and unit,
password reset) and its confirmed actions (deactivate, reactivate, unlock, second factor)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from htms.accounts.administration import (
    ACCOUNT_ACTIONS,
    account_change,
    account_create,
    account_get,
    account_list,
    account_password_reset,
    administrator_check,
)
from htms.accounts.login import login_slowed_usernames
from htms.accounts.models import User
from htms.accounts.tokens import api_tokens_live
from htms.web.forms.auth import PasswordResetForm
from htms.web.forms.users import AccountChangeForm, AccountCreateForm, AccountFilterForm
from htms.web.views.common import current_user, run_service

ACCOUNTS_PER_PAGE = 50


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    admin = current_user(request)
    administrator_check(admin)
    form = AccountFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("unit")
    accounts = account_list(
        actor=admin,
        role=filters.get("role", ""),
        unit_id=unit.pk if unit else None,
        status=filters.get("status", ""),
    )
    page = Paginator(accounts, ACCOUNTS_PER_PAGE).get_page(request.GET.get("page"))
    locked = login_slowed_usernames(usernames=[a.username for a in page])
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "locked": locked, "form": form, "query": query.urlencode()}
    return render(request, "web/users.html", context)


@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    admin = current_user(request)
    administrator_check(admin)
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            form,
            lambda: account_create(
                actor=admin,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                unit_code=data["unit"].code,
                password=data["password"],
            ),
        )
        if created is not None:
            done = _("%(name)s can now log in; they must choose their own password first.")
            messages.success(request, done % {"name": created.username})
            return redirect("user_reset", user_id=created.pk)
    return render(request, "web/user_new.html", {"form": form})


def _account_page(
    request: HttpRequest,
    account: User,
    change_form: AccountChangeForm | None = None,
    reset_form: PasswordResetForm | None = None,
) -> HttpResponse:
    initial = {"role": account.role, "unit": account.unit}
    context = {
        "account": account,
        "change_form": change_form or AccountChangeForm(initial=initial),
        "form": reset_form or PasswordResetForm(),
        "tokens": list(api_tokens_live(user=account)),
        "locked": bool(login_slowed_usernames(usernames=[account.username])),
    }
    return render(request, "web/user_reset.html", context)


@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def user_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """The account's page; a POST resets the password."""
    admin = current_user(request)
    account = account_get(actor=admin, user_id=user_id)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_service(
            form,
            lambda: account_password_reset(
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
    return _account_page(request, account, reset_form=form if request.method == "POST" else None)


@login_required
@require_POST
def user_change(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = current_user(request)
    account = account_get(actor=admin, user_id=user_id)
    form = AccountChangeForm(request.POST)
    if form.is_valid():
        run_service(
            form,
            lambda: account_change(
                actor=admin,
                user=account,
                role=form.cleaned_data["role"],
                unit_code=form.cleaned_data["unit"].code,
            ),
        )
        if not form.errors:
            messages.success(request, _("%(name)s's role and unit are saved.") % _named(account))
            return redirect("user_reset", user_id=account.pk)
    return _account_page(request, account, change_form=form)


@dataclass(frozen=True)
class _Action:
    title: Promise
    question: Promise
    done: Promise


# What the confirmation page of each of ACCOUNT_ACTIONS says.
ACTIONS = {
    "deactivate": _Action(
        gettext_lazy("Deactivate this account"),
        gettext_lazy(
            "%(name)s will no longer be able to log in, and their API tokens stop working. "
            "Their records stay."
        ),
        gettext_lazy("%(name)s is deactivated."),
    ),
    "reactivate": _Action(
        gettext_lazy("Reactivate this account"),
        gettext_lazy("%(name)s will be able to log in again with their password and app."),
        gettext_lazy("%(name)s can log in again."),
    ),
    "unlock": _Action(
        gettext_lazy("Unlock this account"),
        gettext_lazy("The failed logins of %(name)s are forgotten: they can try again at once."),
        gettext_lazy("%(name)s is unlocked."),
    ),
    "reset_second_factor": _Action(
        gettext_lazy("Reset the second factor"),
        gettext_lazy(
            "The authenticator app and recovery codes of %(name)s are removed; they set up a "
            "new app at their next login."
        ),
        gettext_lazy("%(name)s will set up a new authenticator app at their next login."),
    ),
}


def _named(account: User) -> dict[str, str]:
    return {"name": account.username}


@login_required
@require_http_methods(["GET", "POST"])
def user_action(request: HttpRequest, user_id: int, action: str) -> HttpResponse:
    """GET asks for confirmation; POST does it."""
    admin = current_user(request)
    account = account_get(actor=admin, user_id=user_id)
    chosen = ACTIONS.get(action)
    if chosen is None:
        raise Http404("No such action.")
    if request.method == "POST":
        ACCOUNT_ACTIONS[action](actor=admin, user=account)
        messages.success(request, str(chosen.done) % _named(account))
        return redirect("user_reset", user_id=account.pk)
    context = {
        "account": account,
        "title": chosen.title,
        "question": str(chosen.question) % _named(account),
    }
    return render(request, "web/user_confirm.html", context)
