"""The Human Trafficking Intelligence Gazette: the month's content, its PDF and the command."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.intelligence.gazette.content import MASK, Gazette, gazette_content
from htms.intelligence.gazette.months import BAD_MONTH, Month, month_parse
from htms.intelligence.gazette.printing import gazette_pdf
from htms.intelligence.inputs import FactInput
from htms.intelligence.management.commands.gazette import Command as GazetteCommand
from htms.intelligence.services import fact_create
from htms.intelligence.tests.support import accused_of, convict, victim_of
from htms.synthetic.agents import demo_agents_seed
from htms.synthetic.management.commands.seed_demo import Command as SeedDemo
from htms.web.tests.test_pdf import _poppler

pytestmark = pytest.mark.django_db

URDU_TITLE = "انسانی اسمگلنگ کا انٹیلیجنس گزٹ"  # "Human Trafficking Intelligence Gazette"
URDU_RESTRICTED = "محدود"  # "RESTRICTED"


def _this_month() -> Month:
    return month_parse(timezone.localdate().strftime("%Y-%m"))


def _items(gazette: Gazette, key: str) -> list[tuple[str, str]]:
    [section] = [s for s in gazette.sections if s.key == key]
    return [(item.title, item.detail) for item in section.items]


def _fact(io: User, case: Case, kind: str, value: str, person_name: str = "Imran Butt") -> None:
    data = FactInput(kind=kind, value=value, source_kind="case", source_reference=case.reference,
                     reliability="B", credibility="2", handling_code="H1")  # fmt: skip
    person = accused_of(case, person_name) if person_name else victim_of(case)
    fact_create(actor=io, person=person, data=data)


def test_it_lists_the_months_arrests_red_book_facts_and_phones(
    alice: User, anne: User, mona: User, hana: User, tip_case: Case
) -> None:
    demo_agents_seed(io=alice, incharge=anne, monitoring=mona, today=timezone.localdate(), seed=1)
    _fact(alice, tip_case, "modus_operandi", "Fake visit visas for Oman")
    _fact(alice, tip_case, "phone", "+923001234567")
    gazette = gazette_content(user=hana, month=_this_month())
    assert ("Imran Butt", tip_case.reference) in _items(gazette, "arrests")
    assert len(_items(gazette, "red_book")) == 2
    assert ("Imran Butt", "Fake visit visas for Oman") in _items(gazette, "modus_operandi")
    assert ("Imran Butt", "+923001234567") in _items(gazette, "phones")
    assert not gazette.is_empty


def test_it_leaves_out_what_happened_in_another_month(
    alice: User, hana: User, tip_case: Case
) -> None:
    _fact(alice, tip_case, "modus_operandi", "Fake visit visas for Oman")
    gazette = gazette_content(user=hana, month=month_parse("2020-01"))
    assert gazette.is_empty


def test_it_lists_the_months_convictions(anne: User, hana: User, tip_case: Case) -> None:
    convict(anne, tip_case)  # judgment of 20 November 2026
    november = gazette_content(user=hana, month=month_parse("2026-11"))
    [(name, detail)] = _items(november, "convictions")
    assert name == "Imran Butt" and "2026-11-20" in detail
    assert _items(gazette_content(user=hana, month=month_parse("2026-10")), "convictions") == []


def test_it_hides_a_fact_about_an_agent_who_is_a_protected_victim(
    alice: User, mona: User, tip_case: Case
) -> None:
    """A dossier fact about the case's victim: the monitoring cell, without need-to-know of
    the victim's identity, sees the pseudonym and a masked value, never the name."""
    _fact(alice, tip_case, "phone", "+923009999999", person_name="")
    victim = victim_of(tip_case)
    items = _items(gazette_content(user=mona, month=_this_month()), "phones")
    assert (victim.pseudonym, MASK) in items
    assert victim.full_name not in str(items) and "+923009999999" not in str(items)


def test_it_is_composed_by_analysts_and_the_monitoring_cell_only(
    alice: User, anne: User, carl: User
) -> None:
    for user in (alice, anne, carl):
        with pytest.raises(PermissionDenied):
            gazette_content(user=user, month=_this_month())


def test_it_refuses_a_month_that_is_not_yyyy_mm() -> None:
    for text in ("2026-13", "11-2026", "2026", ""):
        with pytest.raises(ValidationError) as error:
            month_parse(text)
        assert error.value.messages == [str(BAD_MONTH)]
    assert month_parse("2026-12").after.isoformat() == "2027-01-01"


def test_the_pdf_is_restricted_on_every_page_and_audited(
    alice: User, hana: User, tip_case: Case
) -> None:
    for number in range(60):  # enough phone numbers for more than one page
        _fact(alice, tip_case, "phone", f"+9230012{number:05d}")
    pdf = gazette_pdf(user=hana, month=_this_month(), language="en")
    pages = _poppler("pdftotext", pdf, "-enc", "UTF-8", "PDF", "-").split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) > 1 and all("RESTRICTED" in page for page in pages)
    assert "Imran Butt" in pages[0]
    event = AuditEvent.objects.get(object_type="gazette", action="export")
    assert event.actor == hana and event.object_id == _this_month().label
    assert event.changes["language"] == "en" and event.changes["counts"]["arrests"] >= 1


def test_the_urdu_pdf_keeps_extractable_text(hana: User, tip_case: Case) -> None:
    pdf = gazette_pdf(user=hana, month=_this_month(), language="ur")
    text = _poppler("pdftotext", pdf, "-enc", "UTF-8", "PDF", "-")
    text = "".join(c for c in text if not "\u202a" <= c <= "\u202e")
    assert URDU_TITLE in text and URDU_RESTRICTED in text


def test_the_command_prints_the_demo_months_gazette_in_english_and_urdu(tmp_path: Path) -> None:
    call_command(SeedDemo(), "--cases", "25", stdout=StringIO())
    month = _this_month().label
    for lang in ("en", "ur"):
        output = tmp_path / f"gazette-{lang}.pdf"
        out = StringIO()
        call_command(GazetteCommand(), "--month", month, "--lang", lang, "--output", str(output),
                     "--user", "demo-analyst", stdout=out)  # fmt: skip
        assert output.read_bytes().startswith(b"%PDF") and "bytes" in out.getvalue()
    analyst = User.objects.get(username="demo-analyst")
    assert not gazette_content(user=analyst, month=_this_month()).is_empty


def test_the_command_explains_a_bad_month_and_a_role_that_may_not(
    alice: User, tmp_path: Path
) -> None:
    output = str(tmp_path / "g.pdf")
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command(GazetteCommand(), "--month", "2026-13", "--output", output, "--user", "alice")
    with pytest.raises(CommandError, match="analysts"):
        call_command(GazetteCommand(), "--month", "2026-11", "--output", output, "--user", "alice")
    assert not Path(output).exists()
