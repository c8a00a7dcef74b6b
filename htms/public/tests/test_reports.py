"""Anonymous reports: the proof of work, the honeypot and the rate limits keep machines out; a
report gets a code and lands in the help line's triage queue as a lead, never in a case."""

import pytest
from django.test import Client, override_settings

from htms.cases.models import Case
from htms.public.models import PublicReport, ReportAddition
from htms.public.tests.support import anonymous, report_fields, report_send, solution_for

pytestmark = pytest.mark.django_db


def anonymous_from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_a_report_gets_a_code_and_goes_to_the_help_line() -> None:
    cases_before = Case.objects.count()
    status, page = report_send(anonymous(), lang="ur")
    report = PublicReport.objects.get()
    assert status == 200 and report.code in page
    assert report.call is not None and report.call.channel == "web_report"
    assert report.language == "ur" and report.who == "Shahid Iqbal, Al-Noor Travels"
    assert Case.objects.count() == cases_before


def test_the_sender_adds_information_with_the_code() -> None:
    client = anonymous()
    report_send(client)
    code = PublicReport.objects.get().code
    form = client.get("/public/en/report/add/").content.decode()
    fields = {
        "code": code.lower().replace("-", " "),
        "text": "He now calls from 0333 1112223.",
        "website": "",
        "altcha": solution_for(form),
    }
    response = client.post("/public/en/report/add/", fields)
    assert response.status_code == 200
    assert ReportAddition.objects.get().text == "He now calls from 0333 1112223."


def test_an_unknown_code_is_explained() -> None:
    client = anonymous()
    form = client.get("/public/en/report/add/").content.decode()
    fields = {"code": "AAAA-BBBB-CCCC", "text": "more", "website": "", "altcha": solution_for(form)}
    response = client.post("/public/en/report/add/", fields)
    assert response.status_code == 400
    assert "No report has this code" in response.content.decode()
    assert not ReportAddition.objects.exists()


def test_a_report_without_proof_of_work_is_refused() -> None:
    status, page = report_send(anonymous(), altcha="")
    assert status == 400
    assert "We could not confirm that a person is sending this form" in page
    assert not PublicReport.objects.exists()


def test_a_solution_sends_one_report_only() -> None:
    client = anonymous()
    form = client.get("/public/en/report/").content.decode()
    solved = solution_for(form)
    assert report_send(client, altcha=solved)[0] == 200
    assert report_send(client, altcha=solved)[0] == 400
    assert PublicReport.objects.count() == 1


def test_a_forged_solution_is_refused() -> None:
    client = anonymous()
    form = client.get("/public/en/report/").content.decode()
    forged = solution_for(form)[:-8] + "AAAAAAA="
    assert report_send(client, altcha=forged)[0] == 400
    assert report_send(client, altcha="not base64 at all")[0] == 400
    assert not PublicReport.objects.exists()


def test_a_filled_honeypot_is_refused() -> None:
    status, _page = report_send(anonymous(), website="http://spam.example")
    assert status == 400
    assert not PublicReport.objects.exists()


def test_an_empty_report_is_explained() -> None:
    status, page = report_send(anonymous(), what="")
    assert status == 400 and "This field is required." in page
    assert not PublicReport.objects.exists()


def test_a_too_long_report_is_refused() -> None:
    status, page = report_send(anonymous(), what="x" * 40_000)
    assert status == 413 and "too long" in page
    assert not PublicReport.objects.exists()


def test_thirty_reports_from_one_address_are_refused_after_the_limit() -> None:
    client = anonymous()
    answers = [report_send(client) for _ in range(30)]
    statuses = [status for status, _page in answers]
    assert statuses == [200] * 10 + [429] * 20
    assert "Please wait a little" in answers[-1][1]
    assert "Please try again in" in answers[-1][1]
    assert PublicReport.objects.count() == 10
    # Another address may still send.
    assert report_send(anonymous_from("198.51.100.9"))[0] == 200


@override_settings(HTMS_PUBLIC_REPORTS_OVERALL=3)
def test_a_flood_from_many_addresses_meets_the_overall_limit() -> None:
    statuses = [report_send(anonymous_from(f"198.51.100.{n}"))[0] for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_the_429_answer_says_when_to_try_again() -> None:
    client = anonymous()
    for _ in range(10):
        report_send(client)
    response = client.post("/public/en/report/", report_fields())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
