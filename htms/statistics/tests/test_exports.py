"""``htms export htcds`` and ``htms export ctdc``: columns and values from the standards, k
anonymity, refusal, and the audit row with the purpose."""

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import CaseParty, RouteEvent
from htms.reference.models import Country, Term
from htms.statistics.exports import htcds
from htms.statistics.exports.ctdc import QUASI_IDENTIFIERS
from htms.statistics.tests.support import case, person, victim

# The HTCDS 2.0 field list and value names, as published (a copy kept with the code).
FIELDS = Path(__file__).parents[1] / "data" / "htcds-2.0-fields.csv"
PURPOSE = "UNODC Global Report 2026 questionnaire"


def _htcds_fields() -> dict[str, set[str]]:
    with FIELDS.open(encoding="utf-8") as f:
        return {
            row["prefix"] + row["field_name"]: set(filter(None, row["value_names"].split("|")))
            for row in csv.DictReader(f)
        }


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _victims(by: User, n: int, year: int = 2025, **person_facts: object) -> None:
    made = case(by=by, year=year)
    RouteEvent.objects.create(
        case=made, kind="exploitation", country=Country.objects.get(code="AE")
    )
    every_form = tuple(
        Term.objects.filter(vocabulary="exploitation_type").values_list("code", flat=True)
    )
    every_means = tuple(
        Term.objects.filter(vocabulary="means_of_control").values_list("code", flat=True)
    )
    for _ in range(n):
        victim(made, person(**person_facts), every_form, every_means)  # type: ignore[arg-type]


def _export(standard: str, user: User, output: Path, *extra: str) -> None:
    call_command(
        "export",
        standard,
        "--output",
        str(output),
        "--user",
        user.username,
        "--purpose",
        PURPOSE,
        *extra,
    )


def test_it_names_every_htcds_column_and_value_from_the_standard(
    mona: User, alice: User, tmp_path: Path
) -> None:
    _victims(alice, 2, sex="F")
    _victims(alice, 1, sex="X", nationality="AF")
    _victims(alice, 1, sex="U")
    output = tmp_path / "htcds.csv"
    _export("htcds", mona, output)
    rows, fields = _read(output), _htcds_fields()
    assert len(rows) == 4 == CaseParty.objects.filter(role="victim").count()
    for row in rows:
        for column, value in row.items():
            assert column in fields
            if fields[column]:
                assert set(value.split("|")) <= fields[column], (column, value)
    assert {row["prs_Gender"] for row in rows} == {
        "Feminine",
        "NonConforming",
        "NonSpecifiedUnknown",
    }
    event = AuditEvent.objects.latest("seq")
    assert (event.action, event.object_type, event.object_id) == ("export", "statistics", "htcds")
    assert event.changes["purpose"] == PURPOSE and event.changes["rows"] == 4


def test_it_exports_no_identity_in_htcds(mona: User, alice: User, tmp_path: Path) -> None:
    _victims(alice, 1)
    output = tmp_path / "htcds.csv"
    _export("htcds", mona, output)
    text = output.read_text(encoding="utf-8")
    assert "Person " not in text and "1990" not in text


def test_it_leaves_no_ctdc_combination_of_fewer_than_k_people(
    hana: User, alice: User, tmp_path: Path
) -> None:
    _victims(alice, 14, sex="F", born=2000)
    _victims(alice, 12, sex="M", born=1980, year=2024)
    _victims(alice, 3, sex="M", born=1980, nationality="AF")  # too few on their own
    _victims(alice, 1, sex="X", born=2012, nationality="IN", year=2023)
    output = tmp_path / "ctdc.csv"
    _export("ctdc", hana, output, "--k", "11")
    rows = _read(output)
    combinations = Counter(tuple(row[q] for q in QUASI_IDENTIFIERS) for row in rows)
    assert combinations and min(combinations.values()) >= 11
    assert len(rows) >= 26  # the large groups stay
    assert {"AE"} == {row["CountryOfExploitation"] for row in rows}


def test_it_refuses_the_exports_to_roles_without_the_right(
    alice: User, hana: User, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="Your role may not make this export"):
        _export("htcds", hana, tmp_path / "x.csv")
    with pytest.raises(CommandError, match="Your role may not make this export"):
        _export("ctdc", alice, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
    assert not AuditEvent.objects.filter(object_type="statistics").exists()


def test_it_refuses_a_k_below_the_public_threshold(hana: User, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="k must be at least 11"):
        _export("ctdc", hana, tmp_path / "x.csv", "--k", "5")


def test_it_asks_for_a_purpose(mona: User, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="State the purpose"):
        call_command(
            "export",
            "htcds",
            "--output",
            str(tmp_path / "x.csv"),
            "--user",
            mona.username,
            "--purpose",
            "x",
        )


def test_it_has_an_htcds_value_for_every_term_htms_records(db: None) -> None:
    fields = _htcds_fields()
    for vocabulary, column, mapping in (
        ("exploitation_type", "vic_TypeOfExploitation", htcds.EXPLOITATION),
        ("means_of_control", "vic_MethodsOfControl", htcds.MEANS),
    ):
        for code in Term.objects.filter(vocabulary=vocabulary).values_list("code", flat=True):
            assert mapping.get(code, code) in fields[column], (vocabulary, code)
    assert set(htcds.GENDER.values()) <= fields["prs_Gender"]
    assert set(htcds.STATUS.values()) <= fields["vic_TraffickingStatus"]
    assert set(htcds.DECIDED_BY.values()) <= fields["vic_TraffickingStatusDecisionMakingOrg"]
