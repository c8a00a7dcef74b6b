"""The header's main menu: which entries a user gets, decided here and nowhere else.

An entry is shown only to users for whom its page has something to offer: caseworkers and
administrators see no case, so they get no case list or statistics; only circle staff who record
or read border intake get the Border intake entry (the rules of ``htms/intake/access.py``).
Each entry is one line of ``ENTRIES``; the template lists what ``menu_entries`` returns.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import CASE_WRITER_ROLES, Role, User
from htms.helpline.access import helpline_visible
from htms.identity.access import may_search_register
from htms.intake.access import intake_may_record
from htms.intelligence.access import intelligence_may_use
from htms.network.access import network_may_read
from htms.protection.access import (
    directory_may_edit,
    figures_may_see,
    referral_refers,
    referral_serves,
)
from htms.public.access import may_manage_portal
from htms.resolution.access import may_review


def _everyone(user: User) -> bool:
    return True


def _sees_cases(user: User) -> bool:
    return user.role not in {Role.CASEWORKER, Role.ADMINISTRATOR, Role.CALL_TAKER}


def _writes_cases(user: User) -> bool:
    return user.role in CASE_WRITER_ROLES


def _approves(user: User) -> bool:
    return user.role == Role.CIRCLE_INCHARGE


def _sees_intake(user: User) -> bool:
    """Writers at a post record intake; national readers and zone supervisors read it. Other
    circle staff would only meet an empty intake page."""
    return intake_may_record(user) or user.reads_nationally or user.supervises_zone


def _administers(user: User) -> bool:
    return user.role == Role.ADMINISTRATOR


def _refers_or_serves(user: User) -> bool:
    return referral_refers(user) or referral_serves(user)


def _uses_directory(user: User) -> bool:
    """Who refers, who serves, and the administrators who keep the directory."""
    return _refers_or_serves(user) or directory_may_edit(user)


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: Promise
    shown: Callable[[User], bool]


ENTRIES = (
    MenuEntry("home", _("Home"), _everyone),
    MenuEntry("case_list", _("Cases"), _sees_cases),
    MenuEntry("person_search", _("Find a person"), may_search_register),
    MenuEntry("wizard_start", _("Register a case"), _writes_cases),
    MenuEntry("approvals", _("Approvals"), _approves),
    MenuEntry("statistics", _("Statistics"), _sees_cases),
    MenuEntry("intake_home", _("Border intake"), _sees_intake),
    MenuEntry("intelligence:agents", _("Agents"), intelligence_may_use),
    MenuEntry("intelligence:gazette_archive", _("Gazette"), intelligence_may_use),
    MenuEntry("helpline:calls", _("Help line"), helpline_visible),
    MenuEntry("resolution:queue", _("Pairs to review"), may_review),
    MenuEntry("network:home", _("Networks"), network_may_read),
    MenuEntry("protection_referrals", _("Referrals"), _refers_or_serves),
    MenuEntry("protection_directory", _("Service directory"), _uses_directory),
    MenuEntry("protection_figures", _("Protection figures"), figures_may_see),
    MenuEntry("user_list", _("Accounts"), _administers),
    MenuEntry("portal:home", _("Public portal"), may_manage_portal),
)


@dataclass(frozen=True)
class MenuLink:
    url: str
    label: Promise
    current: bool


def menu_entries(user: User, path: str = "") -> list[MenuLink]:
    """The menu of ``user``; ``current`` marks the entry of the page at ``path``."""
    links = []
    for entry in ENTRIES:
        if entry.shown(user):
            url = reverse(entry.url_name)
            links.append(MenuLink(url, entry.label, path == url))
    return links


def menu(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``menu`` for a logged-in user, empty otherwise."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated:
        return {"menu": []}
    return {"menu": menu_entries(user, request.path)}
