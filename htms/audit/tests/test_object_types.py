"""Audit rows name what they are about with one enumeration, ``AuditObject``."""

import ast
from pathlib import Path

import pytest

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditEvent, AuditObject
from htms.audit.services import audit_list, audit_record

pytestmark = pytest.mark.django_db

HTMS = Path(__file__).resolve().parents[2]


def test_it_refuses_an_object_type_outside_the_enumeration(alice: User) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="cse"):
        audit_record(actor=alice, action=AuditAction.VIEW, object_type="cse", object_id=1)  # type: ignore[arg-type]
    assert AuditEvent.objects.count() == before


def test_it_refuses_an_action_outside_the_enumeration(alice: User) -> None:
    with pytest.raises(ValueError, match="peek"):
        audit_record(actor=alice, action="peek", object_type=AuditObject.CASE, object_id=1)


def test_it_stores_the_plain_value(alice: User) -> None:
    event = audit_list(
        actor=alice, object_type=AuditObject.CASE_LIST, object_id="page", ids=[3, 1], stage="fir"
    )
    event.refresh_from_db()
    assert (event.object_type, event.changes) == ("case_list", {"ids": [3, 1], "stage": "fir"})


def _sources() -> list[Path]:
    return [
        path
        for path in HTMS.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _bad_object_types(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.keyword)
            and node.arg == "object_type"
            and isinstance(node.value, ast.Constant)
        ):
            found.append(f"{path.name}:{node.value.lineno}: {node.value.value!r}")
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "AuditObject"
            and node.attr not in AuditObject.__members__
            and node.attr not in ("choices", "values", "labels", "names")
        ):
            found.append(f"{path.name}:{node.lineno}: AuditObject.{node.attr}")
    return found


def test_every_call_site_names_a_member_of_the_enumeration() -> None:
    """A string literal would pass unnoticed until that page is opened; a member is checked
    by mypy and by this test."""
    problems = [problem for path in _sources() for problem in _bad_object_types(path)]
    assert problems == []
    assert len(_sources()) > 100
