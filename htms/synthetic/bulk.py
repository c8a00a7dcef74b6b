"""Loading benchmark volumes (hundreds of thousands of cases, a million persons) fast.

The per-row services validate and audit every write, which is right for real data and far too
slow for a million synthetic rows. Here each batch of records is written with ``bulk_create``
in one transaction, and the audit chain gets one ``synthetic_batch`` event per batch naming the
counts and sealing the cases and persons written, so ``htms verify`` still finds an unbroken
chain and every record sealed. The records come from the same
generator whose output passes the services' validation in the tests.
"""

import time
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict
from datetime import date, datetime
from datetime import time as clock_time

from django.db import transaction
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.seals import seals_of
from htms.audit.services import audit_record
from htms.cases.models import (
    Case,
    CaseParty,
    Hearing,
    Offence,
    RouteEvent,
    StageChange,
    Verdict,
)
from htms.cases.services.offences import case_crime_masks_refresh
from htms.persons.models import (
    IdentityDocument,
    Person,
    PersonAddress,
    PersonAlias,
    PersonPhone,
    address_match,
)
from htms.synthetic.bulk_support import BulkCounts, References, Refs, e164, judged_statuses

__all__ = ["BulkCounts", "synthetic_bulk_load"]
from htms.synthetic.records import SynCase, SynParty, SynPerson, SyntheticData, SynVerdict

ROWS_PER_INSERT = 2000
ON_TRIAL_OR_LATER = frozenset({"trial", "judgment", "appeal"})


def synthetic_bulk_load(
    *,
    batches: Iterable[SyntheticData],
    officers: Mapping[str, User],
    label: str = "synthetic",
    progress: Callable[[BulkCounts], None] | None = None,
) -> BulkCounts:
    """Writes each batch in one transaction with one audit event. ``officers`` maps each unit
    code of the cases to the officer who registered and investigates them."""
    refs = Refs.from_db(officers)
    person_pks: array[int] = array("q")
    total = BulkCounts()
    for number, batch in enumerate(batches, 1):
        started = time.perf_counter()
        with transaction.atomic():
            first_person, first_case = len(person_pks), _last_case_id()
            counts = BatchWriter(batch, refs, person_pks).write()
            counts.batches = 1
            case_ids = Case.objects.filter(pk__gt=first_case).values_list("pk", flat=True)
            audit_record(
                actor=None,
                action=AuditAction.CREATE,
                object_type=AuditObject.SYNTHETIC_BATCH,
                object_id=f"{label}#{number}",
                changes={k: v for k, v in asdict(counts).items() if k != "seconds"},
                seals=seals_of(case_ids=case_ids, person_ids=person_pks[first_person:]),
            )
        counts.seconds = time.perf_counter() - started
        total.add(counts)
        if progress is not None:
            progress(total)
    return total


def _last_case_id() -> int:
    return Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


class BatchWriter:
    def __init__(self, batch: SyntheticData, refs: Refs, person_pks: "array[int]") -> None:
        self.batch, self.refs, self.person_pks = batch, refs, person_pks
        self.now: datetime = timezone.now()
        self.counts = BulkCounts()

    def write(self) -> BulkCounts:
        self._persons()
        cases = self._cases()
        offences = self._offences(cases)
        case_crime_masks_refresh(case_ids=[c.pk for c in cases])
        parties = self._parties(cases)
        self._routes(cases)
        self._stage_changes(cases)
        self._hearings(cases, parties)
        self._verdicts(cases, parties, offences)
        return self.counts

    # Persons -----------------------------------------------------------------------------

    def _person_units(self) -> dict[int, int]:
        """The unit that first met each person: it 'recorded' them."""
        units: dict[int, int] = {}
        for case in self.batch.cases:
            unit_id = self.refs.officers[case.unit_code].unit_id
            for party in case.parties:
                if unit_id is not None:
                    units.setdefault(party.person_key, unit_id)
        return units

    def _persons(self) -> None:
        units, refs = self._person_units(), self.refs
        rows: list[Person] = []
        for p in self.batch.persons:
            if p.key != len(self.person_pks) + len(rows):
                raise ValueError("Persons must come in key order, each once.")
            rows.append(
                Person(
                    full_name=p.full_name,
                    full_name_ur=p.full_name_ur,
                    relation=p.relation,
                    father_name=p.father_name,
                    father_name_ur=p.father_name_ur,
                    sex=p.sex,
                    birth_date=p.birth_date,
                    birth_date_precision=p.birth_date_precision,
                    nationality_id=refs.countries.get(p.nationality_code),
                    created_by_unit_id=units.get(p.key),
                    is_synthetic=True,
                )
            )
        Person.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        self.person_pks.extend(row.pk for row in rows)
        self._person_details(self.batch.persons)
        self.counts.persons = len(rows)

    def _person_details(self, persons: list[SynPerson]) -> None:
        refs, pks = self.refs, self.person_pks
        docs: list[IdentityDocument] = []
        phones, aliases, addresses = [], [], []
        for p in persons:
            pk = pks[p.key]
            docs += self._documents(p, pk)
            phones += [PersonPhone(person_id=pk, number=e164(n)) for n in p.phones]
            aliases += [PersonAlias(person_id=pk, name=a) for a in p.aliases]
            if p.district_code in refs.districts:
                district, province = refs.districts[p.district_code]
                addresses.append(
                    PersonAddress(
                        person_id=pk,
                        text=p.address_text,
                        district_id=district,
                        province_id=province,
                        match=address_match(district, p.address_text),
                    )
                )
        IdentityDocument.objects.bulk_create(docs, batch_size=ROWS_PER_INSERT)
        PersonPhone.objects.bulk_create(phones, batch_size=ROWS_PER_INSERT)
        PersonAlias.objects.bulk_create(aliases, batch_size=ROWS_PER_INSERT)
        PersonAddress.objects.bulk_create(addresses, batch_size=ROWS_PER_INSERT)

    def _documents(self, p: SynPerson, pk: int) -> list[IdentityDocument]:
        countries = self.refs.countries
        docs = []
        if p.cnic:
            docs.append(
                IdentityDocument(
                    person_id=pk, kind="cnic", number=p.cnic, country_id=countries.get("PK")
                )
            )
        if p.passport:
            docs.append(
                IdentityDocument(
                    person_id=pk,
                    kind="passport",
                    number=p.passport,
                    country_id=countries.get(p.nationality_code),
                )
            )
        return docs

    # Cases -------------------------------------------------------------------------------

    def _cases(self) -> list[Case]:
        references = References()
        rows = [self._case_row(case, references) for case in self.batch.cases]
        references.save()
        Case.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        self.counts.cases = len(rows)
        return rows

    def _case_row(self, case: SynCase, references: References) -> Case:
        officer = self.refs.officers[case.unit_code]
        unit = officer.unit
        assert unit is not None
        in_court = bool(ON_TRIAL_OR_LATER & {*case.stage_path})
        return Case(
            reference=references.next(unit.pk, unit.code, (case.fir_date or case.occurred_on).year),
            unit=unit,
            investigating_officer=officer,
            origin=case.origin,
            enquiry_number=case.enquiry_number,
            fir_number=case.fir_number,
            fir_date=case.fir_date,
            police_station=case.police_station if case.fir_number else "",
            occurred_on=case.occurred_on,
            summary=case.summary,
            stage=case.final_stage,
            closure_reason=case.closure_reason,
            court_id=self.refs.courts.get(case.court_code) if in_court else None,
            registered_by=officer,
            registered_at=timezone.make_aware(
                datetime.combine(case.fir_date or case.occurred_on, clock_time(12))
            ),
            is_synthetic=True,
        )

    def _offences(self, cases: list[Case]) -> dict[tuple[int, str], int]:
        rows = [
            (row.pk, code)
            for case, row in zip(self.batch.cases, cases, strict=True)
            for code in case.statute_codes
        ]
        committed = {row.pk: case for case, row in zip(self.batch.cases, cases, strict=True)}
        offences = [self._offence(pk, code, committed[pk]) for pk, code in rows]
        Offence.objects.bulk_create(offences, batch_size=ROWS_PER_INSERT)
        self.counts.offences = len(offences)
        return {key: o.pk for key, o in zip(rows, offences, strict=True)}

    def _offence(self, case_pk: int, code: str, case: SynCase) -> Offence:
        district, country = case.offence_place
        return Offence(
            case_id=case_pk,
            statute_id=self.refs.statutes[code],
            date=case.occurred_on,
            date_precision="day",
            district_id=self.refs.districts[district][0] if district else None,
            country_id=self.refs.countries[country] if country else None,
        )

    def _parties(self, cases: list[Case]) -> list[list[int]]:
        rows, refs = [], self.refs
        for case, row in zip(self.batch.cases, cases, strict=True):
            convicted = judged_statuses(case)
            rows += [
                CaseParty(
                    case_id=row.pk,
                    person_id=self.person_pks[p.person_key],
                    role=p.role,
                    network_role_id=refs.terms.get(("network_role", p.network_role_code)),
                    accused_status=convicted.get(i, p.final_status),
                    trafficking_status=p.trafficking_status,
                    status_decided_by=p.status_decided_by,
                )
                for i, p in enumerate(case.parties)
            ]
        CaseParty.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        self._party_terms([p for c in self.batch.cases for p in c.parties], rows)
        self.counts.parties = len(rows)
        pks, out = iter(r.pk for r in rows), []
        for case in self.batch.cases:
            out.append([next(pks) for _ in case.parties])
        return out

    def _party_terms(self, parties: list[SynParty], rows: list[CaseParty]) -> None:
        terms = self.refs.terms
        exploitation = CaseParty.exploitation_types.through
        means = CaseParty.means_of_control.through
        exploitation.objects.bulk_create(
            [
                exploitation(caseparty_id=row.pk, term_id=terms[("exploitation_type", code)])
                for p, row in zip(parties, rows, strict=True)
                for code in p.exploitation_type_codes
            ],
            batch_size=ROWS_PER_INSERT,
        )
        means.objects.bulk_create(
            [
                means(caseparty_id=row.pk, term_id=terms[("means_of_control", code)])
                for p, row in zip(parties, rows, strict=True)
                for code in p.means_of_control_codes
            ],
            batch_size=ROWS_PER_INSERT,
        )

    def _routes(self, cases: list[Case]) -> None:
        refs = self.refs
        rows = [
            RouteEvent(
                case_id=row.pk,
                kind=leg.kind,
                country_id=refs.countries[leg.country_code],
                district_id=refs.districts.get(leg.district_code, (None,))[0],
                place=leg.place,
                date=leg.date,
                date_precision=leg.date_precision,
                sequence=i,
            )
            for case, row in zip(self.batch.cases, cases, strict=True)
            for i, leg in enumerate(case.route)
        ]
        RouteEvent.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        self.counts.route_events = len(rows)

    def _stage_changes(self, cases: list[Case]) -> None:
        rows = []
        for case, row in zip(self.batch.cases, cases, strict=True):
            rows += self._history(case, row.pk)
        StageChange.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)

    def _history(self, case: SynCase, case_pk: int) -> list[StageChange]:
        """Every step approved at once, and the request still waiting, if any."""
        officer, now = self.refs.officers[case.unit_code], self.now
        decided = ["judgment"] if case.appeal_verdicts else []
        stages = ["fir" if case.fir_number else "enquiry", *case.stage_path, *decided]
        rows = [
            StageChange(
                case_id=case_pk,
                from_stage=a,
                to_stage=b,
                status="approved",
                closure_reason=case.closure_reason if b == "closed" else "",
                effective_on=case.fir_date or timezone.localdate(now),
                requested_by=officer,
                requested_at=now,
                decided_by=officer,
                decided_at=now,
            )
            for a, b in zip(["", *stages], stages, strict=False)
        ]
        if case.pending_stage:
            rows.append(
                StageChange(
                    case_id=case_pk,
                    from_stage=stages[-1],
                    to_stage=case.pending_stage,
                    status="pending",
                    effective_on=case.fir_date or timezone.localdate(now),
                    requested_by=officer,
                    requested_at=now,
                )
            )
        return rows

    def _hearings(self, cases: list[Case], parties: list[list[int]]) -> None:
        rows, due = [], []
        for case, row, party_pks in zip(self.batch.cases, cases, parties, strict=True):
            court_id = self.refs.courts.get(case.court_code)
            if court_id is None:
                continue
            for h in case.hearings:
                rows.append(
                    Hearing(
                        case_id=row.pk,
                        court_id=court_id,
                        date=h.date,
                        purpose=h.purpose,
                        outcome=h.outcome,
                        next_date=h.next_date,
                        recorded_by=self.refs.officers[case.unit_code],
                    )
                )
                due.append([party_pks[i] for i in h.witness_indexes])
        Hearing.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        through = Hearing.witnesses_due.through
        through.objects.bulk_create(
            [
                through(hearing_id=h.pk, caseparty_id=p)
                for h, ps in zip(rows, due, strict=True)
                for p in ps
            ],
            batch_size=ROWS_PER_INSERT,
        )
        self.counts.hearings = len(rows)

    def _verdicts(
        self, cases: list[Case], parties: list[list[int]], offences: dict[tuple[int, str], int]
    ) -> None:
        rows = []
        for case, row, party_pks in zip(self.batch.cases, cases, parties, strict=True):
            court_id = self.refs.courts.get(case.court_code)
            if court_id is None or case.judgment_date is None:
                continue
            rows += [
                _verdict_row(row.pk, v, party_pks, offences, court_id, case.judgment_date, 0)
                for v in case.verdicts
            ]
            appeal_court_id = self.refs.courts.get(case.appeal_court_code)
            if appeal_court_id is not None and case.appeal_date is not None:
                rows += [
                    _verdict_row(
                        row.pk, v, party_pks, offences, appeal_court_id, case.appeal_date, 1
                    )
                    for v in case.appeal_verdicts
                ]
        Verdict.objects.bulk_create(rows, batch_size=ROWS_PER_INSERT)
        self.counts.verdicts = len(rows)


def _verdict_row(
    case_pk: int,
    v: SynVerdict,
    party_pks: list[int],
    offences: dict[tuple[int, str], int],
    court_id: int,
    day: date,
    level: int,
) -> Verdict:
    """A verdict as the judgment service writes it: a term in years and months."""
    years, months = divmod(v.sentence_months, 12) if v.sentence_months else (None, None)
    return Verdict(
        case_id=case_pk,
        accused_id=party_pks[v.party_index],
        offence_id=offences[(case_pk, v.statute_code)],
        court_id=court_id,
        date=day,
        level=level,
        outcome=v.outcome,
        sentence_kind="term" if v.sentence_months else "",
        sentence_years=years,
        sentence_months=months,
        fine_amount=v.fine,
    )
