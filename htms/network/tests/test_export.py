"""``htms export ftm`` and ``htms export i2``: entities valid in the FollowTheMoney model,
masked like the pages, audited; refused to roles without need-to-know."""

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from followthemoney import model

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.network.tests.support import two_circles

pytestmark = pytest.mark.django_db

PURPOSE = "Joint analysis with the financial monitoring unit"


def _export(kind: str, user: User, output: Path, *args: str) -> None:
    call_command("export", kind, "--output", str(output), "--user", user.username,
                 "--purpose", PURPOSE, *args)  # fmt: skip


def _entities(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_against_the_model(entities: list[dict[str, Any]]) -> None:
    ids = {e["id"] for e in entities}
    for entity in entities:
        schema = model.get(entity["schema"])
        assert schema is not None, entity["schema"]
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (entity["schema"], name)
            for value in values:
                assert prop.type.clean(value) is not None, (entity["schema"], name, value)
                if prop.type.name == "entity":
                    assert value in ids, (entity["schema"], name, value)
        for name in schema.required:
            assert entity["properties"].get(name), (entity["schema"], name)
        assert model.get_proxy(entity).id == entity["id"]


def test_the_followthemoney_export_of_everything_validates(
    alice: User, bob: User, hana: User, tmp_path: Path
) -> None:
    two_circles(alice, bob)
    output = tmp_path / "network.jsonl"
    _export("ftm", hana, output)
    entities = _entities(output)
    _check_against_the_model(entities)
    schemas = {e["schema"] for e in entities}
    assert {"Person", "CourtCase", "CourtCaseParty", "BankAccount", "Ownership", "Payment",
            "Identification"} <= schemas  # fmt: skip
    row = AuditEvent.objects.filter(object_type="network", action="export").last()
    assert row is not None and row.changes["purpose"] == PURPOSE


def test_the_export_hides_the_victim_from_the_analyst(
    alice: User, bob: User, hana: User, tmp_path: Path
) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    output = tmp_path / "case.jsonl"
    _export("ftm", hana, output, "--case", str(case_a.pk))
    text = output.read_text(encoding="utf-8")
    assert "Imran Butt" in text
    assert "Sajida" not in text and "3410112345672" not in text and "+923001234567" not in text


def test_the_case_officer_of_another_zone_may_not_export_it(
    alice: User, bob: User, cleo: User, tmp_path: Path
) -> None:
    case_a, _b, _shared = two_circles(alice, bob)
    with pytest.raises(CommandError, match="may not export networks"):
        _export("ftm", cleo, tmp_path / "x.jsonl", "--case", str(case_a.pk))
    assert not (tmp_path / "x.jsonl").exists()


def test_the_i2_csv_has_one_row_per_link_with_both_ends(
    alice: User, bob: User, hana: User, tmp_path: Path
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    output = tmp_path / "links.csv"
    _export("i2", hana, output, "--person", str(shared.agent_a), "--depth", "2")
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    holds = [r for r in rows if r["link_type"] == "account"]
    assert {r["from_label"] for r in holds} == {"Imran Butt", "Shahid Gondal"}
    assert all(r["to_id"] == f"account:{shared.account}" for r in holds)
