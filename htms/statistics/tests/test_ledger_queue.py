"""The ledger correction queue: good rows imported, bad rows waiting with their problems,
corrected on the row page (and then imported) or set aside with a reason, all audited; an
import run again, or after a crash, registers no case twice."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.common.errors import StaleEditError
from htms.statistics.ledger.corrections import REASON_NEEDED, ledger_row_correct
from htms.statistics.ledger.importer import (
    LedgerResult,
    ledger_batch_import,
    ledger_import,
    ledger_upload,
)
from htms.statistics.models import LedgerBatch, LedgerBatchRow, LedgerRowStatus
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

FILE = "\n".join(
    (
        "Circle,FIR No,FIR Date,Sections,Accused,Victim name",
        "AHTC-LHR,1/2015,03/04/2015,PPC 371-A,1,Someone",
        "AHTC-LHR,2/2015,31/02/2015,PPC 371-A,1,",
        "AHTC-LHR,3/2015,05/04/2015,PPC 420,2,",
        "Nowhere circle,4/2015,06/04/2015,PPC 420,1,",
        "AHTC-LHR,5/2015,07/04/2015,PPC 371-B,,",
    )
)


def _import(actor: User, text: str = FILE) -> LedgerResult:
    return ledger_import(actor=actor, stream=io.BytesIO(text.encode()), name="register.csv")


def _row(result: LedgerResult, number: int) -> LedgerBatchRow:
    assert result.batch is not None
    return result.batch.rows.get(number=number)


def test_it_imports_the_good_rows_and_keeps_the_bad_ones_waiting(mona: User) -> None:
    result = _import(mona)
    assert len(result.created) == 3 and sorted(result.problems) == [3, 5]
    assert result.problems[3] == [
        "FIR date: “31/02/2015” is not a date: February 2015 has no day 31."
    ]
    assert "not a circle or unit that HTMS knows" in result.problems[5][0]
    # Only the mapped columns are kept: a column of names the ledger carries is not stored.
    assert _row(result, 2).raw == {
        "Accused": "1",
        "Circle": "AHTC-LHR",
        "FIR Date": "03/04/2015",
        "FIR No": "1/2015",
        "Sections": "PPC 371-A",
    }


def test_an_officer_corrects_one_row_sets_the_other_aside_and_a_rerun_adds_nothing(
    mona: User,
) -> None:
    result = _import(mona)
    assert result.batch is not None
    client = client_for(mona)
    base = f"/statistics/ledger/batches/{result.batch.pk}/"
    shown = page(client, base + "rows/3/")
    assert "February 2015 has no day 31" in shown
    # The problem is also beside its field, which is marked; the others are not.
    marked = re.findall(r'<p class="field has-error"><label for="id_(\w+)"', shown)
    assert marked == ["fir_date"], marked
    assert '<span class="error" id="id_fir_date_error1">' in shown
    waiting = _row(result, 3)
    form = {"action": "correct", "version": waiting.version, "unit": "AHTC-LHR"}
    form |= {"fir_number": "2/2015", "fir_date": "28/02/2015", "sections": "PPC 371-A"}
    corrected = client.post(base + "rows/3/", form)
    assert corrected.status_code == 302 and corrected["Location"] == base + "rows/5/"
    assert Case.objects.filter(fir_number="2/2015", historical=True).exists()
    other = _row(result, 5)
    refused = client.post(base + "rows/5/", {"action": "dismiss", "version": other.version})
    assert str(REASON_NEEDED) in refused.content.decode()
    reason = "A totals line, not a case"
    dismissed = client.post(
        base + "rows/5/", {"action": "dismiss", "version": other.version, "reason": reason}
    )
    assert dismissed.status_code == 302 and dismissed["Location"] == base
    html = page(client, base)
    assert '<dd id="count-imported">4</dd>' in html and '<dd id="count-waiting">0</dd>' in html
    assert '<dd id="count-dismissed">1</dd>' in html and reason in html
    audited = AuditEvent.objects.filter(object_type="ledger_row").order_by("seq")
    assert [e.changes["status"]["new"] for e in audited if "status" in e.changes] == [
        "imported",
        "dismissed",
    ]
    again = _import(mona)
    assert again.created == [] and again.already == [2, 4, 6]
    assert sorted(again.problems) == [3, 5] and Case.objects.count() == 4


def test_a_correction_still_wrong_keeps_the_row_waiting_and_a_stale_one_is_refused(
    mona: User,
) -> None:
    result = _import(mona)
    assert result.batch is not None
    row = _row(result, 3)
    kept = ledger_row_correct(
        actor=mona,
        batch_id=result.batch.pk,
        number=3,
        expected_version=row.version,
        cells={"fir_date": "30/02/2015"},
    )
    assert kept.status == LedgerRowStatus.WAITING and "no day 30" in str(kept.errors)
    with pytest.raises(StaleEditError):
        ledger_row_correct(
            actor=mona, batch_id=result.batch.pk, number=3, expected_version=row.version, cells={}
        )
    with pytest.raises(ValidationError, match="not a column"):
        ledger_row_correct(
            actor=mona,
            batch_id=result.batch.pk,
            number=3,
            expected_version=kept.version,
            cells={"victim_name": "x"},
        )


def test_an_import_stopped_half_way_goes_on_without_doubling_a_case(mona: User) -> None:
    stored = ledger_upload(actor=mona, stream=io.BytesIO(FILE.encode()), name="register.csv")
    assert stored.batch is not None
    batch = stored.batch
    ledger_batch_import(actor=mona, batch_id=batch.pk)
    # As if the process died after row 2's case was written but before its row was marked.
    batch.rows.filter(number=2).update(status=LedgerRowStatus.PENDING, case=None)
    ledger_batch_import(actor=mona, batch_id=batch.pk)
    assert Case.objects.filter(fir_number="1/2015").count() == 1
    assert batch.rows.get(number=2).status == LedgerRowStatus.ALREADY
    assert LedgerBatch.objects.count() == 1


@pytest.mark.parametrize("who", ["alice", "hana", "carl"])
def test_other_roles_are_told_the_batch_and_its_rows_do_not_exist(
    who: str, mona: User, request: pytest.FixtureRequest
) -> None:
    result = _import(mona)
    assert result.batch is not None
    client = client_for(request.getfixturevalue(who))
    base = f"/statistics/ledger/batches/{result.batch.pk}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "rows/3/").status_code == 404
    form = {"action": "dismiss", "version": 1, "reason": "no"}
    assert client.post(base + "rows/3/", form).status_code == 404
    assert _row(result, 3).status == LedgerRowStatus.WAITING


def test_the_batch_page_reads_in_as_many_queries_however_many_rows(mona: User) -> None:
    small = _import(mona, "\n".join(FILE.splitlines()[:2]))
    large = _import(mona)
    assert small.batch is not None and large.batch is not None
    client = client_for(mona)
    counted = []
    for batch in (small.batch, large.batch):
        with CaptureQueriesContext(connection) as queries:
            page(client, f"/statistics/ledger/batches/{batch.pk}/")
        counted.append(len(queries))
    assert counted[0] == counted[1]
