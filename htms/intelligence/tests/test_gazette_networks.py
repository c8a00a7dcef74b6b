"""The Gazette's "most active networks": the month's busiest communities of the network, named
by their most connected agents, on the page and in both PDFs."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.cases.inputs import PartyInput
from htms.cases.models import Case, PartyRole
from htms.cases.services.parties_bulk import case_add_party
from htms.intelligence.access import agent_queryset_for_user
from htms.intelligence.gazette.content import gazette_content
from htms.intelligence.gazette.months import Month, month_parse
from htms.intelligence.gazette.networks import SHOWN_AGENTS, most_active_networks
from htms.intelligence.gazette.printing import gazette_pdf
from htms.persons.models import Person
from htms.synthetic.load import catalogue_from_db
from htms.synthetic.networks import plan_networks
from htms.synthetic.networks_load import GroundTruth, networks_load
from htms.web.tests.support import client_for
from htms.web.tests.test_pdf import _poppler

pytestmark = pytest.mark.django_db

URDU_HEADING = "سب سے سرگرم نیٹ ورک"  # "Most active networks"


def _this_month() -> Month:
    return month_parse(timezone.localdate().strftime("%Y-%m"))


def _planted(recorder: User) -> GroundTruth:
    today = timezone.localdate()
    plan = plan_networks(agents=45, networks=3, seed=5, today=today,
                         catalogue=catalogue_from_db(unit_codes=["T-A"]))  # fmt: skip
    return networks_load(plan=plan, recorder=recorder, today=today)


def _section(user: User, month: Month) -> list[tuple[str, str]]:
    [section] = [s for s in gazette_content(user=user, month=month).sections if s.key == "networks"]
    return [(item.title, item.detail) for item in section.items]


def test_it_names_each_busy_network_by_agents_of_one_planted_network(hana: User) -> None:
    truth = _planted(hana)
    month = _this_month()
    rows = most_active_networks(user=hana, month=month, agents=agent_queryset_for_user(hana))
    assert rows
    bridge_ends = {pk for pair in truth.bridges for pk in pair}
    for shown, detail in rows:
        assert 0 < len(shown) <= SHOWN_AGENTS and detail.startswith("Links this month: ")
        # Planted agents only (never the families who paid), of one network but for the ends
        # of a planted bridge.
        [(main, _count)] = Counter(truth.network[pk] for pk in shown).most_common(1)
        assert all(truth.network[pk] == main or pk in bridge_ends for pk in shown)
    links = [int(detail.split()[3]) for _shown, detail in rows]
    assert links == sorted(links, reverse=True)
    names = dict(Person.objects.filter(pk__in=rows[0][0]).values_list("pk", "full_name"))
    assert _section(hana, month)[0][0] == ", ".join(names[pk] for pk in rows[0][0])


def test_an_agent_who_is_also_a_victim_appears_under_the_pseudonym(
    alice: User, hana: User, tip_case: Case
) -> None:
    _planted(hana)
    month = _this_month()
    [[first, *_others], _detail] = most_active_networks(
        user=hana, month=month, agents=agent_queryset_for_user(hana)
    )[0]
    victim = PartyInput(role=PartyRole.VICTIM, person_id=first)
    case_add_party(actor=alice, case_id=tip_case.pk, expected_version=tip_case.version,
                   party=victim)  # fmt: skip
    # The case was registered last year: the month's links stay as they were.
    Case.objects.filter(pk=tip_case.pk).update(registered_at=timezone.now() - timedelta(days=400))
    person = Person.objects.get(pk=first)
    titles = " ".join(title for title, _detail in _section(hana, month))
    assert person.pseudonym in titles and person.full_name not in titles


def test_it_is_empty_in_a_month_without_links(hana: User) -> None:
    _planted(hana)
    assert _section(hana, month_parse("2020-01")) == []


def test_the_page_and_both_pdfs_show_the_section(hana: User) -> None:
    _planted(hana)
    [(names, _detail), *_rest] = _section(hana, _this_month())
    page = client_for(hana).get("/intelligence/gazette/").content.decode()
    assert 'id="gazette-networks"' in page and names in page
    english = _poppler("pdftotext", gazette_pdf(user=hana, month=_this_month(), language="en"),
                       "-enc", "UTF-8", "PDF", "-")  # fmt: skip
    assert "Most active networks" in english and names.split(",")[0] in english
    urdu = _poppler("pdftotext", gazette_pdf(user=hana, month=_this_month(), language="ur"),
                    "-enc", "UTF-8", "PDF", "-")  # fmt: skip
    urdu = "".join(c for c in urdu if not "\u202a" <= c <= "\u202e")
    assert URDU_HEADING in urdu
