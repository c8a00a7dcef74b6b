"""Importing call-detail records: mapping, all or nothing, no duplicates, links, access."""

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from openpyxl import Workbook

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.network.access import network_scope_for_user
from htms.network.cdr import CdrSource, calls_import
from htms.network.cdr_rows import parse_duration, parse_start
from htms.network.graph import LinkFilter, neighbourhood
from htms.network.links import LinkKind
from htms.network.models import Call, CallRecords
from htms.network.tests.support import two_circles

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "cdr_synthetic.csv"
AGENT_A_PHONE, AGENT_B_PHONE = "+923007654321", "+923337654321"


def source(**changes: object) -> CdrSource:
    given: dict[str, object] = {
        "operator": "Jazz", "request_reference": "REQ-SYN-77", "period_start": date(2026, 10, 1),
        "period_end": date(2026, 10, 31), "reliability": "A", "credibility": "1",
        "handling_code": "H2", **changes,
    }  # fmt: skip
    return CdrSource(**given)  # type: ignore[arg-type]


def run(user: User, data: bytes | None = None, **changes: object):  # type: ignore[no-untyped-def]
    stream = io.BytesIO(SAMPLE.read_bytes() if data is None else data)
    return calls_import(actor=user, stream=stream, name="cdr.csv", source=source(**changes))


def test_it_imports_the_operators_file_with_its_headings_and_local_times(hana: User) -> None:
    result = run(hana)
    assert result.records is not None and result.created == 4 and not result.refused
    assert result.mapping["caller"] == "A Party" and result.mapping["duration"] == "Duration (sec)"
    assert any("title" in note for note in result.notes)
    first = Call.objects.order_by("started_at").first()
    assert first is not None and first.caller == AGENT_A_PHONE
    assert first.receiver == AGENT_B_PHONE
    assert first.started_at == datetime(2026, 10, 5, 4, 5, tzinfo=UTC)  # 09:05 in Pakistan
    assert first.records == result.records and first.source_ref == "Jazz REQ-SYN-77"
    assert first.reliability == "A" and first.handling_code == "H2"
    assert Call.objects.filter(duration_seconds=161).count() == 2  # 161 s and 2:41
    incoming = Call.objects.get(duration_seconds=40)
    assert (incoming.caller, incoming.receiver) == (AGENT_A_PHONE, "+923001112223")
    audit = AuditEvent.objects.filter(object_id=f"cdr:{result.records.pk}").get()
    assert audit.changes["created"] == 4 and audit.changes["request"] == "REQ-SYN-77"


def test_the_same_file_again_adds_nothing(hana: User) -> None:
    run(hana)
    again = run(hana)
    assert again.already_imported is not None and again.records is None
    assert Call.objects.count() == 4 and CallRecords.objects.count() == 1


def test_a_file_repeating_recorded_calls_adds_only_the_new_ones(hana: User) -> None:
    run(hana)
    extra = b"\n03001112223,03337654321,08/10/2026,12:00,30,Outgoing\n"
    result = run(hana, SAMPLE.read_bytes() + extra)
    assert result.created == 1 and result.duplicates == 4
    assert Call.objects.count() == 5


def test_one_bad_row_refuses_the_whole_file_and_names_every_bad_row(hana: User) -> None:
    bad = (
        b"A Party,B Party,Start Time,Duration\n"
        b"03007654321,03337654321,2026-10-05 09:05,60\n"
        b"030012345,03337654321,2026-10-05 10:05,60\n"
        b"03007654321,03337654321,2026-11-05 10:05,sixty\n"
    )
    result = run(hana, bad)
    assert result.records is None and Call.objects.count() == 0
    assert CallRecords.objects.count() == 0
    assert [p.number for p in result.refused] == [3, 4]
    assert "The caller's number “030012345” is not a phone number." in result.refused[0].messages
    assert any("outside the period" in m for m in result.refused[1].messages)
    assert any("not a duration" in m for m in result.refused[1].messages)
    assert AuditEvent.objects.filter(object_id="cdr", action="refused").exists()


def test_headings_it_cannot_place_are_asked_for_and_the_officers_mapping_is_used(
    hana: User,
) -> None:
    odd = b"Subscriber,Counterpart,When,Secs\n03007654321,03337654321,2026-10-05 09:05,60\n"
    assert run(hana, odd).problems
    result = calls_import(
        actor=hana, stream=io.BytesIO(odd), name="odd.csv", source=source(),
        mapping={"caller": "Subscriber", "receiver": "Counterpart", "started_at": "When",
                 "duration": "Secs"},
    )  # fmt: skip
    assert result.created == 1


def test_imported_calls_link_the_persons_using_those_numbers(
    alice: User, bob: User, hana: User
) -> None:
    _a, _b, shared = two_circles(alice, bob)
    run(hana)
    scope = network_scope_for_user(hana)
    only = LinkFilter(kinds=frozenset({LinkKind.CALL, LinkKind.PHONE}))
    network = neighbourhood(scope=scope, roots=[f"person:{shared.agent_a}"], depth=3, only=only)
    assert f"person:{shared.agent_b}" in network.nodes
    refs = {link.source_ref for link in network.links if link.kind == LinkKind.CALL}
    assert "Jazz REQ-SYN-77" in refs


def test_the_source_must_be_named_and_the_case_be_one_the_officer_may_see(
    alice: User, bob: User, anne: User
) -> None:
    _a, case_b, _shared = two_circles(alice, bob)
    with pytest.raises(ValidationError) as caught:
        run(anne, operator="", period_end=date(2026, 9, 1), case_reference=case_b.reference)
    assert {"operator", "period_end", "case_reference"} <= caught.value.message_dict.keys()


def test_only_analysts_and_incharges_import(
    anne: User, mona: User, alice: User, carl: User
) -> None:
    assert run(anne).created == 4
    with pytest.raises(PermissionDenied):
        run(mona)
    for user in (alice, carl):
        with pytest.raises(Http404):
            run(user)


def test_it_reads_the_times_and_durations_operators_write() -> None:
    assert parse_start("20261005090513") == datetime(2026, 10, 5, 4, 5, 13, tzinfo=UTC)
    assert parse_start("05/10/2026 9:05 PM") == datetime(2026, 10, 5, 16, 5, tzinfo=UTC)
    assert parse_duration("00:02:20") == 140 and parse_duration("140.0") == 140
    with pytest.raises(ValueError, match="not a date and time"):
        parse_start("yesterday")


def test_a_workbook_is_read_in_batches_and_a_repeat_within_the_file_is_kept_once(
    hana: User, settings: Any
) -> None:
    settings.HTMS_UPLOAD_STORE_BATCH = 100
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["MSISDN", "Other Party", "Call Start Time", "Call Duration", "Call Type"])
    # A workbook holds naive local times, as operators send them.
    first = datetime(2026, 10, 5, 8, 0)  # noqa: DTZ001
    for n in range(250):
        at = first + timedelta(minutes=n)
        sheet.append(["03007654321", f"0333{7000000 + n}", at, "0:30", "Outgoing"])
    sheet.append(["03007654321", "03337000000", first, 30, "Outgoing"])
    data = io.BytesIO()
    book.save(data)
    result = run(hana, data.getvalue())
    assert result.mapping["caller"] == "MSISDN" and result.mapping["direction"] == "Call Type"
    assert result.rows == 251 and result.created == 250 and result.duplicates == 1
    assert Call.objects.count() == 250


def test_rows_with_a_service_number_are_skipped_and_counted_not_refused(
    alice: User, bob: User, hana: User
) -> None:
    two_circles(alice, bob)
    data = (
        b"A Party,B Party,Start Time,Duration\n"
        b"03007654321,03337654321,2026-10-05 09:05,60\n"
        b"03007654321,1122,2026-10-05 09:15,30\n"
        b"JAZZ,03007654321,2026-10-05 09:20,0\n"
        b"8558,03337654321,2026-10-05 09:25,0\n"
        b"Private,03337654321,2026-10-05 09:30,45\n"
        b"1122,03337654321,not a time,0\n"
    )
    result = run(hana, data)
    assert result.records is not None and result.created == 1 and result.bad_rows == 0
    assert dict(result.skipped) == {"service": 4, "withheld": 1}
    assert result.skipped_note == (
        "Rows skipped, not calls between persons: 5 (4 with a service number (short code or "
        "sender name) at one end; 1 with a number withheld by the network): 1122, JAZZ, 8558, "
        "Private."
    )
    row = AuditEvent.objects.filter(object_id=f"cdr:{result.records.pk}").get()
    assert row.changes["skipped"] == {"service": 4, "withheld": 1}
