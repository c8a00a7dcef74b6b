"""Every page answers, for every demo role, on the synthetic demo data: no 500 anywhere."""

import pytest
from django.test import Client
from django.utils import timezone

from htms.accounts.mfa import totp_code
from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import CaseParty
from htms.synthetic.demo import DEMO_USERS, DemoUser, demo_seed, missing_units
from htms.synthetic.second_factor import demo_device

pytestmark = pytest.mark.django_db

PAGES = ("/", "/cases/", "/cases/?overdue=on&crime_type=SOM", "/approvals/", "/statistics/")


def _urls_for(user: User) -> list[str]:
    urls = list(PAGES)
    for case in case_queryset_for_user(user).order_by("-stage", "pk")[:8]:
        urls.append(f"/cases/{case.pk}/")
        party = CaseParty.objects.filter(case=case).first()
        if party is not None:
            urls.append(f"/persons/{party.person_id}/")
    return urls


def _log_in(demo: DemoUser) -> Client:
    """The real two steps: the demo password, then the code of the demo authenticator."""
    client = Client()
    client.post("/login/", {"username": demo.username, "password": demo.password})
    device = demo_device(demo.username)
    assert device is not None, demo.username
    assert client.post("/login/code/", {"code": totp_code(device)}).status_code == 302
    return client


def test_every_page_answers_every_demo_role() -> None:
    if missing_units():
        pytest.skip("the test reference data lacks the demo units")
    demo_seed(cases=15, seed=3, today=timezone.localdate())
    for demo in DEMO_USERS:
        client = _log_in(demo)
        for url in _urls_for(User.objects.get(username=demo.username)):
            status = client.get(url).status_code
            assert status == 200, (demo.username, url, status)
