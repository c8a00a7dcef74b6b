"""The ledger import page and command: the monitoring cell uploads, chooses the columns it
must, and reads what was imported; everyone else is refused."""

import csv
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from htms.accounts.models import User
from htms.cases.models import Case
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

URL = "/statistics/ledger/"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ledger-sample.csv"


def _upload(text: str, name: str = "ledger.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_it_imports_an_uploaded_ledger_and_says_how_many_cases(mona: User) -> None:
    client = client_for(mona)
    assert 'href="/statistics/ledger/"' in page(client, "/statistics/")
    response = client.post(URL, {"file": _upload(SAMPLE.read_text())}, follow=True)
    assert response.status_code == 200
    assert '<dd id="count-imported">5</dd>' in response.content.decode()
    listed = page(client, "/cases/?q=12/2012")
    assert 'class="tag historical"' in listed
    case = Case.objects.get(fir_number="12/2012")
    shown = page(client_for(User.objects.get(username="mona")), f"/cases/{case.pk}/")
    assert "3 victims counted, not named (men 0, boys 1, women 1, girls 0)" in shown
    assert "Accused: 2, of whom 1 convicted and 1 acquitted." in shown
    assert "2014-11-20, Sessions Court Gujranwala; 7 years RI and fine." in shown


def test_it_offers_the_columns_it_could_not_recognise_and_imports_with_them(mona: User) -> None:
    client = client_for(mona)
    text = "Daftar,Muqadma,Tareekh,Jurm\nAHTC-LHR,9/2014,01/02/2014,PPC 371-B\n"
    asked = client.post(URL, {"file": _upload(text)}).content.decode()
    assert "Some columns could not be recognised" in asked
    assert '<option value="Muqadma">' in asked and not Case.objects.exists()
    chosen = {
        "choose_columns": "1",
        "column_unit": "Daftar",
        "column_fir_number": "Muqadma",
        "column_fir_date": "Tareekh",
        "column_sections": "Jurm",
    }
    done = client.post(URL, {"file": _upload(text), **chosen}, follow=True).content.decode()
    assert '<dd id="count-imported">1</dd>' in done
    assert Case.objects.get().fir_number == "9/2014"


def test_it_lists_the_rows_to_correct(mona: User) -> None:
    text = (
        "Circle,FIR No,FIR Date,Sections\n"
        "AHTC-LHR,1/2015,03/04/2015,PPC 371-A\n"
        "T-Z,2/2015,,PPC 420\n"
    )
    html = client_for(mona).post(URL, {"file": _upload(text)}, follow=True).content.decode()
    assert '<dd id="count-waiting">1</dd>' in html
    assert "FIR date: The row has no FIR date." in html and Case.objects.count() == 1


def test_it_refuses_a_file_it_cannot_read(mona: User) -> None:
    response = client_for(mona).post(URL, {"file": _upload("just one cell\n")})
    assert response.status_code == 200 and not Case.objects.exists()
    assert 'class="error"' in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "hana", "carl"])
def test_the_page_is_refused_to_other_roles(who: str, request: pytest.FixtureRequest) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": _upload(SAMPLE.read_text())}).status_code == 403
    assert not Case.objects.exists()


def test_the_command_imports_and_says_what_waits(mona: User, alice: User, tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_ledger", str(SAMPLE), "--user", "mona", "--synthetic", stdout=out)
    assert "imported 5 historical cases; skipped 0 rows" in out.getvalue()
    assert Case.objects.filter(is_synthetic=True, historical=True).count() == 5
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Circle,FIR No,FIR Date,Sections\n"
        "AHTC-LHR,1/2015,03/04/2015,PPC 999\n"
        "AHTC-LHR,2/2015,03/04/2015,PPC 420\n"
    )
    out = StringIO()
    with pytest.raises(CommandError, match="Row 2: Law and sections") as waiting:
        call_command("import_ledger", str(bad), "--user", "mona", stdout=out)
    assert "1 rows wait for correction at /statistics/ledger/batches/" in str(waiting.value)
    assert "imported 1 historical cases" in out.getvalue()
    with pytest.raises(CommandError, match="monitoring cell"):
        call_command("import_ledger", str(SAMPLE), "--user", "alice")
    again = StringIO()
    call_command("import_ledger", str(SAMPLE), "--user", "mona", "--synthetic", stdout=again)
    assert "imported 0 historical cases; skipped 5 rows" in again.getvalue()
    assert Case.objects.count() == 6


def test_the_page_is_in_urdu(mona: User) -> None:
    client = client_for(mona)
    client.cookies["django_language"] = "ur"
    # The request activates Urdu in this thread; the override puts the language back after.
    with translation.override("en"):
        html = client.post(URL, {"file": _upload("Daftar,Muqadma\nx,y\n")}).content.decode()
    assert "تاریخی مقدمات کا رجسٹر درآمد کریں" in html
    assert "وہ کالم منتخب کریں جس میں" in html


def test_it_reads_a_workbook(mona: User) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    with SAMPLE.open(newline="") as text:
        for cells in csv.reader(text):
            sheet.append(cells)
    stream = BytesIO()
    workbook.save(stream)
    xlsx = SimpleUploadedFile("ledger.xlsx", stream.getvalue())
    html = client_for(mona).post(URL, {"file": xlsx}, follow=True).content.decode()
    assert '<dd id="count-imported">5</dd>' in html
