"""Synthetic records as the inputs an officer's form would hand the services."""

from collections.abc import Mapping

from htms.cases.inputs import CaseInput, PartyInput, RouteInput
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.validators import format_cnic
from htms.synthetic.records import SynCase, SynParty, SynPerson, SynRouteLeg


def person_input(p: SynPerson) -> PersonInput:
    documents = [DocumentInput(kind="cnic", number=format_cnic(p.cnic))] if p.cnic else []
    if p.passport:
        documents.append(
            DocumentInput(kind="passport", number=p.passport, country_code=p.nationality_code)
        )
    return PersonInput(
        full_name=p.full_name,
        full_name_ur=p.full_name_ur,
        relation=p.relation,
        father_name=p.father_name,
        father_name_ur=p.father_name_ur,
        sex=p.sex,
        birth_date=p.birth_date,
        birth_date_precision=p.birth_date_precision,
        nationality_code=p.nationality_code,
        documents=documents,
        phones=list(p.phones),
        aliases=list(p.aliases),
        district_code=p.district_code,
        address_text=p.address_text,
    )


def _party_input(
    p: SynParty, persons: Mapping[int, SynPerson], known: Mapping[int, int]
) -> PartyInput:
    return PartyInput(
        role=p.role,
        person_id=known.get(p.person_key),
        person=None if p.person_key in known else person_input(persons[p.person_key]),
        network_role_code=p.network_role_code,
        accused_status=p.accused_status,
        trafficking_status=p.trafficking_status,
        status_decided_by=p.status_decided_by,
        exploitation_type_codes=list(p.exploitation_type_codes),
        means_of_control_codes=list(p.means_of_control_codes),
    )


def _route_input(leg: SynRouteLeg) -> RouteInput:
    return RouteInput(
        kind=leg.kind,
        country_code=leg.country_code,
        district_code=leg.district_code,
        place=leg.place,
        date=leg.date,
        date_precision=leg.date_precision,
    )


def case_input(
    case: SynCase, persons: Mapping[int, SynPerson], known: Mapping[int, int]
) -> CaseInput:
    """The CaseInput an officer would submit; persons already in the register are named by id."""
    return CaseInput(
        origin=case.origin,
        statute_codes=list(case.statute_codes),
        parties=[_party_input(p, persons, known) for p in case.parties],
        route=[_route_input(leg) for leg in case.route],
        summary=case.summary,
        enquiry_number=case.enquiry_number,
        fir_number=case.fir_number,
        fir_date=case.fir_date,
        police_station=case.police_station if case.fir_number else "",
        occurred_on=case.occurred_on,
        registered_on=case.fir_date or case.occurred_on,
    )
