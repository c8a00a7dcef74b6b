"""The pages that record payments and import call-detail records."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from htms.accounts.models import User
from htms.network import payments
from htms.network.models import Call, Payment
from htms.network.tests.support import DAY, two_circles
from htms.web.tests.support import client_for, count_queries, page

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "cdr_synthetic.csv"
GRADED = {"reliability": "B", "credibility": "2", "handling_code": "H2"}


def _payment_post(**changes: object) -> dict[str, object]:
    return {
        "amount": "120000", "currency": "PKR", "channel": "wallet", "paid_on": "2026-10-02",
        "source_kind": "bank", "source_ref": "JazzCash statement 44", **GRADED, **changes,
    }  # fmt: skip


def test_an_analyst_records_a_payment_from_the_case_network_and_lists_it(
    alice: User, bob: User, hana: User
) -> None:
    case_a, _b, shared = two_circles(alice, bob)
    client = client_for(hana)
    assert "Payments" in page(client, f"/network/cases/{case_a.pk}/")
    url = f"/network/payments/new/?case={case_a.pk}"
    assert f'value="{case_a.reference}"' in page(client, url)
    response = client.post(url, _payment_post(payer=shared.victim, beneficiary=shared.agent_a,
                                              case_reference=case_a.reference))  # fmt: skip
    assert response.status_code == 302
    listed = page(client, f"/network/payments/?case={case_a.pk}")
    assert "120000.00 PKR" in listed and "JazzCash statement 44" in listed
    assert "Imran Butt" in listed and "Sajida Bibi" not in listed  # the victim is a pseudonym
    assert f"№ {shared.agent_a}" in listed and f"№ {shared.victim}" not in listed


def test_the_form_says_what_is_wrong_in_officer_words(alice: User, bob: User, hana: User) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    before = Payment.objects.count()
    response = client_for(hana).post(
        f"/network/payments/new/?case={case_a.pk}",
        _payment_post(amount="a lot", currency="Rs", payer_account_number="HWL-1"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    for message in (payments.BAD_AMOUNT, payments.BAD_CURRENCY, payments.NO_BENEFICIARY,
                    payments.ACCOUNT_KIND_MISSING):  # fmt: skip
        assert str(message) in html
    assert Payment.objects.count() == before


def test_a_correction_and_a_removal_go_through_their_pages(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    payment = payments.payment_enter(actor=hana, data=payments.PaymentEntry(
        amount="5000", currency="USD", channel="bank", paid_on=DAY,
        source_kind="officer", source_ref="Report 9", reliability="C", credibility="3",
        handling_code="H1", payer_id=shared.victim, beneficiary_id=shared.agent_a))  # fmt: skip
    client = client_for(hana)
    edit = f"/network/payments/{payment.pk}/?person={shared.agent_a}"
    assert 'value="5000.00"' in page(client, edit)
    post = _payment_post(payer=shared.victim, beneficiary=shared.agent_a, amount="6000",
                         version=1)  # fmt: skip
    assert client.post(edit, post).status_code == 302
    stale = client.post(edit, post).content.decode()
    assert "Someone else changed this record" in stale
    remove = f"/network/payments/{payment.pk}/remove/"
    assert client.post(remove, {"reason": "Entered twice", "version": 2}).status_code == 302
    assert not Payment.objects.filter(pk=payment.pk).exists()


def test_the_import_page_imports_and_lists_bad_rows(hana: User) -> None:
    client = client_for(hana)
    form = {"operator": "Jazz", "request_reference": "REQ-9", "period_start": "2026-10-01",
            "period_end": "2026-10-31", "reliability": "A", "credibility": "1",
            "handling_code": "H2"}  # fmt: skip
    good = SimpleUploadedFile("cdr.csv", SAMPLE.read_bytes(), "text/csv")
    html = client.post("/network/calls/import/", {**form, "file": good}).content.decode()
    assert "4 calls imported" in html and Call.objects.count() == 4
    bad = SimpleUploadedFile("bad.csv", b"A Party,B Party,Start Time\n1,2,3\n", "text/csv")
    html = client.post("/network/calls/import/", {**form, "file": bad}).content.decode()
    assert "Nothing was imported." in html and "is not a phone number" in html


@pytest.mark.parametrize("who", ["alice", "carl", "adam"])
def test_roles_without_need_to_know_get_404(
    request: pytest.FixtureRequest, who: str, alice: User, bob: User
) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    client = client_for(request.getfixturevalue(who))
    for url in (f"/network/payments/?case={case_a.pk}", "/network/payments/new/",
                "/network/calls/import/"):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_the_monitoring_cell_reads_payments_but_may_not_record_them(
    alice: User, bob: User, mona: User, anne: User
) -> None:
    case_a, case_b, _shared = two_circles(alice, bob)
    client = client_for(mona)
    assert "Record a payment" not in page(client, f"/network/payments/?case={case_a.pk}")
    assert client.get("/network/payments/new/").status_code == 403
    assert client.get("/network/calls/import/").status_code == 403
    assert client_for(anne).get(f"/network/payments/?case={case_b.pk}").status_code == 404


def test_the_dossier_links_the_agents_payments_for_network_readers_only(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    link = f"/network/payments/?person={shared.agent_a}"
    assert link in page(client_for(hana), f"/intelligence/agents/{shared.agent_a}/")
    assert link not in page(client_for(alice), f"/intelligence/agents/{shared.agent_a}/")


def test_the_payments_list_costs_the_same_queries_for_one_payment_or_many(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    client = client_for(hana)
    url = f"/network/payments/?person={shared.agent_a}"
    data = payments.PaymentEntry(
        amount="100", currency="PKR", channel="cash", paid_on=DAY, source_kind="officer",
        source_ref="Report 1", reliability="C", credibility="3", handling_code="H1",
        payer_id=shared.victim, beneficiary_id=shared.agent_a,
    )  # fmt: skip

    def from_wallet(n: int) -> None:
        wallet = payments.AccountRef("wallet", f"0300000000{n}", "JazzCash")
        payments.payment_enter(actor=hana, data=replace(data, payer_id=None, payer_account=wallet))

    payments.payment_enter(actor=hana, data=data)
    from_wallet(0)
    few = count_queries(client, url)
    for n in range(1, 4):
        from_wallet(n)
    assert count_queries(client, url) == few
