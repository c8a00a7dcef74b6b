"""The promoters' list is imported from CSV or XLSX all or nothing, with every bad row named."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.public.models import LicensedPromoter, PromoterStatus
from htms.public.services.promoters import PromoterImportError, promoters_import
from htms.public.tests.support import (
    CANCELLED,
    LICENSED,
    SUSPENDED,
    promoters_csv,
    promoters_xlsx,
)
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db


def test_it_imports_a_csv_list(adam: User) -> None:
    result = promoters_import(
        actor=adam, stream=promoters_csv([LICENSED, CANCELLED]), filename="list.csv"
    )
    assert (result.added, result.changed, result.removed) == (2, 0, 0)
    promoter = LicensedPromoter.objects.get(licence_number="OEP-1234/RWP")
    assert promoter.status == PromoterStatus.VALID
    assert str(promoter.valid_until) == "2030-06-30"
    assert promoter.phone_key == "+92515550001"
    assert AuditEvent.objects.filter(object_type="promoter_list", actor=adam).exists()


def test_it_imports_an_xlsx_list_and_replaces_the_previous_one(adam: User) -> None:
    promoters_import(actor=adam, stream=promoters_csv([LICENSED, CANCELLED]), filename="a.csv")
    changed = [*LICENSED[:4], "suspended", LICENSED[5]]
    result = promoters_import(
        actor=adam, stream=promoters_xlsx([changed, SUSPENDED]), filename="b.xlsx"
    )
    assert (result.added, result.changed, result.removed) == (1, 1, 1)
    statuses = dict(LicensedPromoter.objects.values_list("licence_number", "status"))
    assert statuses == {"OEP-1234/RWP": "suspended", "OEP-3003/KHI": "suspended"}


def test_one_bad_row_imports_nothing_and_every_problem_is_named(adam: User) -> None:
    promoters_import(actor=adam, stream=promoters_csv([LICENSED]), filename="a.csv")
    rows = [
        CANCELLED,
        ["OEP-7/PSH", "Khyber Recruiting", "", "", "maybe", "2030-01-01"],
        ["", "No Number Travels", "", "", "valid", "2030-01-01"],
        ["OEP-8/QTA", "Quetta Overseas", "", "", "valid", ""],
        ["OEP-9/MUX", "Multan Manpower", "", "", "valid", "31/02/2030"],
        CANCELLED,
    ]
    with pytest.raises(PromoterImportError) as refused:
        promoters_import(actor=adam, stream=promoters_csv(rows), filename="bad.csv")
    problems = "\n".join(refused.value.problems)
    assert "Row 3: the status must be valid, suspended or cancelled" in problems
    assert "Row 4: the licence number and the name are required" in problems
    assert "Row 5: a valid licence needs its expiry date" in problems
    assert "Row 6:" in problems
    assert "Row 7: the licence number appears twice in the file" in problems
    assert list(LicensedPromoter.objects.values_list("licence_number", flat=True)) == [
        "OEP-1234/RWP"
    ]


def test_a_file_without_the_needed_columns_is_refused(adam: User) -> None:
    stream = promoters_csv([["a", "b"]], headings=["Company", "City"])
    with pytest.raises(PromoterImportError) as refused:
        promoters_import(actor=adam, stream=stream, filename="x.csv")
    assert "Columns missing" in refused.value.problems[0]


def test_only_an_administrator_imports(mona: User) -> None:
    with pytest.raises(PermissionDenied):
        promoters_import(actor=mona, stream=promoters_csv([LICENSED]), filename="a.csv")
    assert not LicensedPromoter.objects.exists()


def test_the_administrator_imports_on_the_portal_page(adam: User, alice: User) -> None:
    upload = promoters_csv([LICENSED, CANCELLED])
    upload.name = "list.csv"
    response = client_for(adam).post("/portal/promoters/", {"file": upload}, follow=True)
    assert "2 added, 0 updated, 0 removed" in response.content.decode()
    bad = promoters_csv([["OEP-7/PSH", "Khyber", "", "", "maybe", ""]])
    bad.name = "bad.csv"
    response = client_for(adam).post("/portal/promoters/", {"file": bad})
    assert response.status_code == 400
    assert "Row 2: the status must be valid" in response.content.decode()
    assert LicensedPromoter.objects.count() == 2
    other = promoters_csv([LICENSED])
    other.name = "x.csv"
    assert client_for(alice).post("/portal/promoters/", {"file": other}).status_code == 403


def test_the_command_imports_all_or_nothing(adam: User, tmp_path: Path) -> None:
    good = tmp_path / "list.csv"
    good.write_bytes(promoters_csv([LICENSED]).getvalue())
    call_command("import_promoters", str(good), user=adam.username)
    assert LicensedPromoter.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(promoters_csv([LICENSED, LICENSED]).getvalue())
    with pytest.raises(CommandError, match="appears twice"):
        call_command("import_promoters", str(bad), user=adam.username)
