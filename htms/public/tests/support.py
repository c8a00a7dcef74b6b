"""Helpers of the portal's tests: a client without login, a solved proof of work, files."""

import csv
import html
import io
import json
import re

import altcha
from django.test import Client
from openpyxl import Workbook

CHALLENGE = re.compile(r'data-pow-challenge="([^"]+)"')
HEADINGS = ["Licence No", "Name", "Address", "Phone", "Status", "Expiry"]


def solution_for(page: str) -> str:
    """The proof of work of the form on ``page``, solved as the browser's script solves it."""
    found = CHALLENGE.search(page)
    assert found, "the form carries no challenge"
    data = json.loads(html.unescape(found.group(1)))
    solved = altcha.solve_challenge_v1(
        data["challenge"], data["salt"], data["algorithm"], data["maxNumber"]
    )
    assert solved is not None
    payload = altcha.PayloadV1(
        data["algorithm"], data["challenge"], solved.number, data["salt"], data["signature"]
    )
    return payload.to_base64()


def report_fields(**changes: str) -> dict[str, str]:
    fields = {
        "kind": "agent",
        "what": "He took 300,000 rupees for a work visa to Italy and disappeared.",
        "who": "Shahid Iqbal, Al-Noor Travels",
        "phone": "0300 1234567",
        "where": "Gujrat, GT Road",
        "when": "March 2026",
        "contact": "",
        "website": "",
    }
    return {**fields, **changes}


def report_send(client: Client, lang: str = "en", **changes: str) -> tuple[int, str]:
    """Opens the form, solves its challenge and sends a report: (status, page)."""
    form = client.get(f"/public/{lang}/report/").content.decode()
    fields = report_fields(**changes)
    fields.setdefault("altcha", solution_for(form))
    response = client.post(f"/public/{lang}/report/", fields)
    return response.status_code, response.content.decode()


def promoters_csv(rows: list[list[str]], headings: list[str] = HEADINGS) -> io.BytesIO:
    text = io.StringIO()
    csv.writer(text).writerows([headings, *rows])
    return io.BytesIO(text.getvalue().encode())


def promoters_xlsx(rows: list[list[str]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream


LICENSED = [
    "OEP-1234/RWP",
    "Al-Madina Overseas Employment Promoters",
    "Murree Road, Rawalpindi",
    "051-5550001",
    "valid",
    "2030-06-30",
]
CANCELLED = [
    "OEP-2020/LHR",
    "Muhammad Asif Manpower Services",
    "Mall Road, Lahore",
    "0321 7654321",
    "cancelled",
    "2025-01-31",
]
SUSPENDED = [
    "OEP-3003/KHI",
    "Sea Breeze Recruiters",
    "Saddar, Karachi",
    "",
    "suspended",
    "2029-12-31",
]


def anonymous() -> Client:
    return Client(REMOTE_ADDR="203.0.113.7")
