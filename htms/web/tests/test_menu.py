"""The header menu offers each role only pages it can use, and every entry answers."""

import re

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.accounts.services import user_create
from htms.intake.demo import DEMO_POST_USERS
from htms.synthetic.demo import DEMO_USERS, demo_seed, missing_units
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav aria-label="Main" class="main-nav">(.*?)</nav>', re.S)
CAST = ("alice", "anne", "bob", "cleo", "zara", "hana", "mona", "carl", "adam")


def _menu(user: User) -> list[str]:
    found = NAV.search(page(client_for(user), "/"))
    assert found is not None
    return re.findall(r'href="([^"]+)"', found.group(1))


def _demo_users() -> list[User]:
    demo_seed(cases=3, seed=5, today=timezone.localdate())
    for post_user in DEMO_POST_USERS:
        user_create(
            actor=None,
            username=post_user.username,
            password=None,
            unit_code=post_user.unit_code,
            role=post_user.role,
        )
    names = [u.username for u in DEMO_USERS] + [u.username for u in DEMO_POST_USERS]
    return list(User.objects.filter(username__in=names).select_related("unit"))


def test_every_menu_entry_answers_every_demo_role() -> None:
    if missing_units():
        pytest.skip("the test reference data lacks the demo units")
    for user in _demo_users():
        client = client_for(user)
        for url in _menu(user):
            status = client.get(url, follow=True).status_code
            assert status == 200, (user.username, url, status)


@pytest.mark.parametrize("who", CAST)
def test_no_menu_entry_is_refused_or_missing(request: pytest.FixtureRequest, who: str) -> None:
    user: User = request.getfixturevalue(who)
    client = client_for(user)
    for url in _menu(user):
        assert client.get(url, follow=True).status_code == 200, (who, url)


@pytest.mark.parametrize("who", ["carl", "adam"])
def test_roles_without_cases_get_no_case_menus(request: pytest.FixtureRequest, who: str) -> None:
    menu = _menu(request.getfixturevalue(who))
    assert "/cases/" not in menu and "/statistics/" not in menu and "/intake/" not in menu


def test_only_the_administrator_gets_the_accounts_menu(adam: User, alice: User) -> None:
    assert "/users/" in _menu(adam)
    assert "/users/" not in _menu(alice)


def test_circle_staff_without_a_post_get_no_border_intake_menu(alice: User, anne: User) -> None:
    assert "/intake/" not in _menu(alice)
    assert "/intake/" not in _menu(anne)


def test_post_staff_national_readers_and_zones_get_border_intake(
    hana: User, mona: User, zara: User
) -> None:
    user_create(actor=None, username="ivan", password=None, unit_code="IMM-KHI-AIR", role="io")
    ivan = User.objects.get(username="ivan")
    for user in (ivan, hana, mona, zara):
        assert "/intake/" in _menu(user), user.username


def test_the_menu_marks_the_current_page(alice: User) -> None:
    html = page(client_for(alice), "/cases/")
    assert '<a href="/cases/" aria-current="page">' in html


def test_referrals_go_to_case_writers_and_caseworkers_the_directory_also_to_administrators(
    alice: User, carl: User, adam: User, hana: User, mona: User
) -> None:
    for user in (alice, carl):
        assert {"/protection/referrals/", "/protection/organisations/"} <= set(_menu(user))
    assert "/protection/organisations/" in _menu(adam)
    assert "/protection/referrals/" not in _menu(adam)
    for user in (hana, mona):
        protection = [url for url in _menu(user) if url.startswith("/protection/")]
        assert protection == ["/protection/figures/"], user.username
