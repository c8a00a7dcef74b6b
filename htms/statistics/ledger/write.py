"""Writing one checked ledger row: the historical case and what its ledger says of it."""

from django.db import transaction
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.cases.inputs import CaseInput
from htms.cases.models import Case, Offence, Origin, Stage
from htms.cases.services.registration import case_register
from htms.persons.models import DatePrecision
from htms.reference.models import Country, District
from htms.statistics.ledger.rows import LedgerRow
from htms.statistics.models import LedgerCase


def _summary(row: LedgerRow, file_name: str) -> str:
    where = _("Entered from the ledger %(file)s, row %(row)d.") % {
        "file": file_name,
        "row": row.number,
    }
    place = _("Place of the offence: %s.") % row.place_text if row.place_text else ""
    return " ".join(p for p in (where, place) if p)


def _case_input(row: LedgerRow, file_name: str) -> CaseInput:
    return CaseInput(
        origin=Origin.COMPLAINT,
        statute_codes=row.statute_codes,
        summary=_summary(row, file_name),
        fir_number=row.fir_number,
        fir_date=row.fir_date,
        police_station=row.police_station,
        occurred_on=row.occurred_on if row.occurred_precision == DatePrecision.DAY else None,
    )


def _offences(case: Case, row: LedgerRow) -> None:
    """The date and place of the offence, as precise as the ledger gives them."""
    Offence.objects.filter(case=case).update(
        date=row.occurred_on,
        date_precision=row.occurred_precision if row.occurred_on else "",
        district=District.objects.filter(code=row.district_code).first(),
        country=Country.objects.filter(code=row.country_code).first(),
    )


def _stage(case: Case, row: LedgerRow) -> None:
    """The stage the ledger says the case reached. No step is written into the stage history:
    a ledger dates none of them but the judgment (kept on ``LedgerCase``), and a step dated
    on another day would falsify the durations from FIR to challan."""
    if row.stage == Stage.FIR and not row.court:
        return
    case.stage, case.court = row.stage, row.court
    case.save(update_fields=["stage", "court"])


def _ledger(case: Case, row: LedgerRow, actor: User, file_name: str) -> LedgerCase:
    ledger = LedgerCase(
        case=case,
        file_name=file_name[:255],
        row_number=row.number,
        crime_type=row.crime_type,
        victims_unknown=row.victims_unknown,
        accused=row.accused,
        convicted=row.convicted,
        acquitted=row.acquitted,
        court=row.court,
        court_text=row.court_text[:200],
        judgment_date=row.judgment_date,
        sentence=row.sentence,
        imported_by=actor,
        **row.victims,
    )
    ledger.full_clean()
    ledger.save()
    return ledger


@transaction.atomic
def ledger_case_write(
    *, actor: User, row: LedgerRow, file_name: str, is_synthetic: bool = False
) -> Case:
    """Registers the row's case as historical in the row's unit, with its ledger facts, and
    audits them on the case. Called by ``ledger_import`` only, for the monitoring cell."""
    assert row.unit is not None
    case = case_register(
        actor=actor,
        data=_case_input(row, file_name),
        historical=True,
        unit=row.unit,
        duplicate_check=False,
        is_synthetic=is_synthetic,
    )
    _offences(case, row)
    _stage(case, row)
    ledger = _ledger(case, row, actor, file_name)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.CASE,
        object_id=case.pk,
        changes={
            "ledger": {"file": ledger.file_name, "row": row.number},
            "stage": case.stage,
            "victims": ledger.victims,
            "accused": ledger.accused,
            "convicted": ledger.convicted,
            "acquitted": ledger.acquitted,
        },
    )
    return case
