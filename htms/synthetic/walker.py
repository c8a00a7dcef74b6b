"""Taking one synthetic case through its life with the services officers use."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from htms.accounts.models import User
from htms.cases.inputs import VerdictInput
from htms.cases.models import Case, CaseParty, Offence, Stage, TransitionStatus
from htms.cases.services.court import case_record_judgment, hearing_record
from htms.cases.services.effective import earliest_effective_date
from htms.cases.services.lifecycle import (
    CHALLAN_STAGES,
    case_decide_stage_change,
    case_request_stage,
)
from htms.cases.services.offence_place import offence_set_time_place
from htms.cases.services.party_facts import PartyFactsInput, party_update
from htms.cases.services.registration import case_register
from htms.synthetic.records import SynCase, SynPerson, SynVerdict
from htms.synthetic.service_inputs import case_input

COURT_STAGES = frozenset({Stage.INTERIM_CHALLAN, Stage.FINAL_CHALLAN, Stage.TRIAL, Stage.APPEAL})


@dataclass(frozen=True)
class UnitActors:
    """Who works a unit's synthetic cases: the IO registers and requests; the in-charge
    approves challans and closures (without one, those requests stay pending)."""

    io: User
    incharge: User | None = None


@dataclass
class LoadCounts:
    cases: int = 0
    persons: int = 0
    parties: int = 0
    hearings: int = 0
    judgments: int = 0
    pending: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)


# Not shown as typed by an officer: the reason on every step of a generated history.
ENTERED_LATE = "Synthetic case history"
COURT_STEPS = CHALLAN_STAGES | {Stage.TRIAL}


class CaseWalker:
    """Takes one registered case through its planned stages, as its officers would."""

    def __init__(
        self,
        case: SynCase,
        actors: UnitActors,
        courts: Mapping[str, int],
        appeal_courts: Mapping[str, int] | None = None,
    ) -> None:
        self.case, self.actors = case, actors
        self.court_id = courts.get(case.court_code)
        self.appeal_court_id = (appeal_courts or {}).get(case.appeal_court_code)
        # A challan names a court even when the plan has none for the case.
        self.challan_court_id = self.court_id or next(iter(courts.values()), None)
        self.case_id = 0
        self.party_ids: list[int] = []
        self.hearings_done = False

    def register(self, persons: Mapping[int, SynPerson], known: dict[int, int]) -> None:
        case = self.case
        registered = case_register(
            actor=self.actors.io,
            data=case_input(case, persons, known),
            is_synthetic=True,
            today=case.fir_date or case.occurred_on,
            # Generated cases are distinct by construction; their repeat offenders are meant.
            duplicate_check=False,
        )
        self.case_id = registered.pk
        self._offence_places()
        rows = CaseParty.objects.filter(case_id=registered.pk).order_by("id")
        for party, (party_id, person_id) in zip(
            case.parties, rows.values_list("id", "person_id"), strict=True
        ):
            known.setdefault(party.person_key, person_id)
            self.party_ids.append(party_id)

    def _offence_places(self) -> None:
        district, country = self.case.offence_place
        for offence_id in Offence.objects.filter(case_id=self.case_id).values_list("id", flat=True):
            offence_set_time_place(
                actor=self.actors.io,
                case_id=self.case_id,
                expected_version=self._version(),
                offence_id=offence_id,
                date=self.case.occurred_on,
                date_precision="day",
                district_code=district,
                country_code=country,
            )

    def _version(self) -> int:
        return Case.objects.values_list("version", flat=True).get(pk=self.case_id)

    def walk(self, counts: LoadCounts) -> None:
        for stage in self.case.stage_path:
            if stage == Stage.JUDGMENT:
                self._hearings(counts)
                self._judgment()
                counts.judgments += 1
            elif not self._move(stage):
                return
            if stage == Stage.APPEAL and self.case.appeal_verdicts:
                self._appeal()
                counts.judgments += 1
            if stage == Stage.INVESTIGATION:
                self._later_statuses()
        if self.case.final_stage in COURT_STAGES and not self.hearings_done:
            self._hearings(counts)
        if self.case.pending_stage:
            self._request(self.case.pending_stage)
            counts.pending += 1

    def _request(self, stage: str) -> int:
        change = case_request_stage(
            actor=self.actors.io,
            case_id=self.case_id,
            expected_version=self._version(),
            to_stage=stage,
            closure_reason=self.case.closure_reason if stage == Stage.CLOSED else "",
            court_id=self.challan_court_id if stage in COURT_STEPS else None,
            challan_number=f"SYN-{self.case_id}-{stage}" if stage in CHALLAN_STAGES else "",
            # The history is generated now: each step dated as early as the rules allow.
            effective_on=earliest_effective_date(Case.objects.get(pk=self.case_id)),
            backdate_reason=ENTERED_LATE,
        )
        return change.pk if change.status == TransitionStatus.PENDING else 0

    def _move(self, stage: str) -> bool:
        """Moves the case on; a challan or closure is approved by the in-charge, if any."""
        pending = self._request(stage)
        if pending and self.actors.incharge is None:
            return False
        if pending and self.actors.incharge is not None:
            case_decide_stage_change(actor=self.actors.incharge, change_id=pending, approve=True)
        return True

    def _later_statuses(self) -> None:
        for party, party_id in zip(self.case.parties, self.party_ids, strict=True):
            if party.later_status and party.later_status != party.accused_status:
                party_update(
                    actor=self.actors.io,
                    case_id=self.case_id,
                    expected_version=self._version(),
                    party_id=party_id,
                    facts=PartyFactsInput(accused_status=party.later_status),
                )

    def _hearings(self, counts: LoadCounts) -> None:
        self.hearings_done = True
        if self.court_id is None:
            return
        for h in self.case.hearings:
            hearing_record(
                actor=self.actors.io,
                case_id=self.case_id,
                court_id=self.court_id,
                date=h.date,
                purpose=h.purpose,
                outcome=h.outcome,
                next_date=h.next_date,
                witness_party_ids=[self.party_ids[i] for i in h.witness_indexes],
                backdate_reason=ENTERED_LATE,
            )
            counts.hearings += 1

    def _verdict_inputs(self, verdicts: tuple[SynVerdict, ...]) -> list[VerdictInput]:
        return [
            VerdictInput(
                accused_party_id=self.party_ids[v.party_index],
                statute_code=v.statute_code,
                outcome=v.outcome,
                sentence_months=v.sentence_months,
                fine_amount=v.fine,
            )
            for v in verdicts
        ]

    def _judgment(self) -> None:
        case = self.case
        assert self.court_id is not None and case.judgment_date is not None
        case_record_judgment(
            actor=self.actors.io,
            case_id=self.case_id,
            expected_version=self._version(),
            court_id=self.court_id,
            date=case.judgment_date,
            verdicts=self._verdict_inputs(case.verdicts),
            backdate_reason=ENTERED_LATE,
        )

    def _appeal(self) -> None:
        case = self.case
        if self.appeal_court_id is None or case.appeal_date is None:
            return
        case_record_judgment(
            actor=self.actors.io,
            case_id=self.case_id,
            expected_version=self._version(),
            court_id=self.appeal_court_id,
            date=case.appeal_date,
            verdicts=self._verdict_inputs(case.appeal_verdicts),
            backdate_reason=ENTERED_LATE,
        )
