"""No page and no API answer shows a protected person's identity to a role without
need-to-know, on the demo data, crawled as an adversary would.

The demo data is what ``make run`` loads (``load_reference``, ``seed_demo``,
``seed_intake_demo``), plus two people screened at Taftan on no case: a possible victim and a
minor, and the referrals of ``seed_protection_demo``. For each role without need-to-know
(analyst, ATU monitoring cell, a shelter's caseworker, officer of another circle) the crawl
- follows the links of the home page and the navigation, breadth first, same origin, GET only,
  up to ``MAX_LINKED_PAGES`` pages;
- opens the detail page of every case, person, manifest, row, border event and resolution pair
  by id, whether linked or not;
- walks every GET operation of the OpenAPI schema (lists with their pages, details by every id)
  and searches the API and the search suggestions by protected names and CNICs;
and fails if a protected person's name, father's name, CNIC, passport, phone or date of birth
(as the pages write it), or a help-line caller's name or number, appears. The caseworker may
see, of the persons referred to their organisation, exactly the fields the person's consent
shares, and nothing else. What counts as protected and handled is restated here from the data,
not read from ``htms/persons/access.py`` or ``htms/helpline/access.py``, so the test checks the
rule rather than repeat it. The same crawl run for officers WITH need-to-know must find such
values: the test can fail.
"""

import html
import io
import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from htms.accounts.models import CASE_WRITER_ROLES, Role, User
from htms.cases.models import Case, CaseParty, PartyRole
from htms.common.dates import partial_date_text
from htms.helpline.models import Call
from htms.intake.models import BorderEvent, Classification, Manifest, ManifestRow, Screening
from htms.intake.services.events import border_event_record
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import deportee
from htms.intelligence.models import RedBookEntry
from htms.network.models import Payment
from htms.persons.models import DatePrecision, Person
from htms.protection.models import FollowUp, Referral, Return, ReturnFollowUp, SupportPlan
from htms.resolution.models import MatchLink
from htms.statistics.models import LedgerBatch
from htms.statistics.refresh import statistics_refresh
from htms.web.models import CaseDocument

pytestmark = pytest.mark.django_db

MAX_LINKED_PAGES = 150
MAX_API_PAGES = 40  # pages of one list endpoint
SEARCHES = 25  # protected persons searched by name and by CNIC, per role
OTHERS = 30  # persons of no concern opened by id, besides every hidden one
WITHOUT_NEED = ("demo-analyst", "demo-monitoring", "demo-caseworker", "demo-io-grw")
WITH_NEED = ("demo-io", "demo-imm-karachi")
# PDFs and files are compressed: the crawl could not read a name in them (the reports' own tests
# read their text).
SKIPPED = re.compile(r"^/(logout|login|i18n)/|\.pdf$|/file/$|^/static/|^/statistics/report/")
# Screened at Taftan on no case: protected by the screening alone.
TAFTAN_VICTIM = ("Parveen Kausar", "54400-1231231-2")
TAFTAN_MINOR = ("Shabana Noor", "54400-3213213-4")


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """The demo data, seeded once for the module and rolled back after it."""
    var_dir = tmp_path_factory.mktemp("var")
    with django_db_blocker.unblock(), override_settings(VAR_DIR=var_dir), transaction.atomic():
        out = io.StringIO()
        call_command("load_reference", stdout=out)
        call_command("seed_demo", stdout=out)
        call_command("seed_intake_demo", stdout=out)
        call_command("seed_protection_demo", stdout=out)
        # Five invented historical cases, so that the ledger pages and API are walked too.
        ledger = Path(__file__).resolve().parents[2] / "statistics" / "data" / "ledger-sample.csv"
        call_command(
            "import_ledger", str(ledger), "--user", "demo-monitoring", "--synthetic", stdout=out
        )
        _screen_at_taftan()
        yield
        transaction.set_rollback(True)


def _screen_at_taftan() -> None:
    officer = User.objects.get(username="demo-imm-taftan")
    for (name, cnic), answers in ((TAFTAN_VICTIM, {"sold": True}), (TAFTAN_MINOR, {"minor": True})):
        event = border_event_record(actor=officer, entry=deportee(name=name, cnic=cnic))
        screening_record(actor=officer, event_id=event.pk, data=ScreeningInput(answers))


# What is protected, and who handles whom, stated from the data.


def _protected_ids() -> set[int]:
    in_case = CaseParty.objects.filter(role__in=[PartyRole.VICTIM, PartyRole.SMUGGLED_MIGRANT])
    screened = Screening.objects.filter(classification=Classification.POSSIBLE_VICTIM)
    minors = Screening.objects.filter(minor=True)
    return (
        set(in_case.values_list("person_id", flat=True))
        | set(screened.values_list("event__person_id", flat=True))
        | set(minors.values_list("event__person_id", flat=True))
        | set(Referral.objects.values_list("person_id", flat=True))
    )


def _handled_ids(user: User) -> set[int]:
    if user.role not in CASE_WRITER_ROLES | {Role.CALL_TAKER}:
        return set()
    in_case = CaseParty.objects.filter(case__unit_id=user.unit_id)
    at_post = BorderEvent.objects.filter(post_id=user.unit_id)
    referred = Referral.objects.filter(from_unit_id=user.unit_id)
    return (
        set(in_case.values_list("person_id", flat=True))
        | set(at_post.values_list("person_id", flat=True))
        | set(referred.values_list("person_id", flat=True))
    )


def _identity_strings(person: Person) -> set[str]:
    """The person's identity as pages and the API write it."""
    names = {person.full_name, person.full_name_ur, person.father_name, person.father_name_ur}
    values = {n for n in names if len(n) >= 6}
    for document in person.documents.all():
        values.add(document.number)
        if document.kind == "cnic" and len(document.number) == 13:
            n = document.number
            values.add(f"{n[:5]}-{n[5:12]}-{n[12]}")
    for phone in person.phones.all():
        values.update({phone.number, phone.number.lstrip("+")})
    born = person.birth_date
    # A full date of birth, as pages ("3 Dec 1990") and the API (ISO) write it; a year alone
    # would match any page.
    if born and person.birth_date_precision == DatePrecision.DAY and born.year < 2016:
        values.update({born.isoformat(), partial_date_text(born, DatePrecision.DAY)})
    return values


def _hidden_callers(user: User) -> set[str]:
    """Names and numbers of help-line callers the user has no need to know: all but those of
    the calls taken by their help line, or escalated or handed to their circle."""
    calls = Call.objects.filter(anonymous=False)
    if user.role in CASE_WRITER_ROLES:
        calls = calls.exclude(circle_id=user.unit_id)
    if user.role == Role.CALL_TAKER:
        calls = calls.exclude(unit_id=user.unit_id)
    values = set()
    for name, phone in calls.values_list("caller_name", "caller_phone"):
        values |= {v for v in (name, phone, phone.lstrip("+")) if len(v) >= 6}
    return values


@dataclass
class Secrets:
    """For one user: every identity string of persons hidden from them, minus any string that
    also belongs to a person they may see (two persons can share a name)."""

    values: dict[str, int] = field(default_factory=dict)  # value -> person id
    hidden: list[Person] = field(default_factory=list)


def _consented(user: User) -> dict[int, set[str]]:
    """For a caseworker: person id -> the fields the consent of a referral sent to their
    organisation shares (none once withdrawn)."""
    if user.role != Role.CASEWORKER:
        return {}
    referrals = Referral.objects.filter(
        organisation__unit_id=user.unit_id or 0, sent_at__isnull=False, consent_withdrawn_at=None
    )
    fields: dict[int, set[str]] = {}
    for person_id, shared in referrals.values_list("person_id", "shared_fields"):
        fields.setdefault(person_id, set()).update(shared)
    return fields


def _consented_strings(person: Person, fields: set[str]) -> set[str]:
    """The identity strings of the consented fields: shown to the caseworker by right."""
    values = set()
    if "name" in fields:
        values |= {person.full_name, person.full_name_ur}
    if "father_name" in fields:
        values |= {person.father_name, person.father_name_ur}
    if "phones" in fields:
        values |= {v for p in person.phones.all() for v in (p.number, p.number.lstrip("+"))}
    if "documents" in fields or "birth_date" in fields:
        whole = _identity_strings(person) - _consented_strings(person, {"name", "father_name"})
        values |= whole - _consented_strings(person, {"phones"})
    return {v for v in values if v}


def _secrets(user: User) -> Secrets:
    hidden_ids = _protected_ids() - _handled_ids(user)
    consented = _consented(user)
    persons = Person.objects.prefetch_related("documents", "phones")
    secrets, shared = Secrets(), set()
    for person in persons:
        strings = _identity_strings(person)
        if person.pk in consented:
            allowed = _consented_strings(person, consented[person.pk])
            for value in allowed:
                shared |= _parts(value)
            strings -= allowed
        if person.pk in hidden_ids:
            secrets.hidden.append(person)
            for value in strings:
                secrets.values.setdefault(value, person.pk)
        else:
            for value in strings:
                shared |= _parts(value)
            # The API writes a birth date known to the month or year as a whole ISO date too.
            if person.birth_date:
                shared.add(person.birth_date.isoformat())
    for value in _hidden_callers(user):
        secrets.values.setdefault(value, 0)  # 0: a help-line caller, not a person
    secrets.values = {v: pid for v, pid in secrets.values.items() if v not in shared}
    return secrets


# The crawl.


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


@dataclass
class Crawl:
    client: Client
    secrets: Secrets
    found: dict[str, set[str]] = field(default_factory=dict)  # url -> values seen
    visited: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)

    def get(self, url: str) -> str:
        """The answer's text, checked for every secret; '' for what is not text."""
        if url in self.visited:
            return ""
        self.visited.add(url)
        response = self.client.get(url)
        if response.status_code >= 500:
            self.errors.append(f"{url}: {response.status_code}")
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("text/", "application/json")):
            return ""
        raw = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        text = raw.decode("utf-8", "replace")
        shown = _without_own_query(text, url)
        unescaped = _without_own_query(html.unescape(text), url)
        seen = {v for v in self.secrets.values if _shows(v, shown) or _shows(v, unescaped)}
        if seen:
            self.found[url] = seen
        return text


def _without_own_query(text: str, url: str) -> str:
    """``text`` without what the crawl itself typed into the address where a form field
    repeats it (the search box, the language switch's return address): echoing the query back
    into an input reveals nothing. Anywhere else on the page it still counts."""
    values = [value for _name, value in parse_qsl(urlsplit(url).query) if value]
    typed = [form for value in values for form in (quote(value), quote_plus(value), value)]
    if not typed:
        return text

    def blank(match: re.Match[str]) -> str:
        field = match.group(0)
        for value in typed:
            field = field.replace(value, "")
        return field

    return re.sub(r'value="[^"]*"', blank, text)


def _shows(value: str, text: str) -> bool:
    """``value`` appears as whole words ("Allah Dita" is not in "Allah Ditta")."""
    if value not in text:
        return False
    return re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text) is not None


def _parts(name: str) -> set[str]:
    """Every run of whole words of a name: "Syed Ali Raza" holds "Ali Raza" and "Ali"."""
    words = name.split()
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def _local(href: str, base: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("#") or not href.strip():
        return None
    path = parts.path if parts.path.startswith("/") else base.rsplit("/", 1)[0] + "/" + parts.path
    url = path + (f"?{parts.query}" if parts.query else "")
    return None if SKIPPED.search(path) else url


def _follow_links(crawl: Crawl) -> None:
    queue = deque(["/"])
    while queue and len(crawl.visited) < MAX_LINKED_PAGES:
        url = queue.popleft()
        if url in crawl.visited:
            continue
        text = crawl.get(url)
        parser = _Links()
        parser.feed(text)
        for href in parser.hrefs:
            target = _local(html.unescape(href), url)
            if target is not None and target not in crawl.visited:
                queue.append(target)


def _persons_to_open(secrets: Secrets) -> list[int]:
    """Every hidden person, and a few others (whose pages could list a hidden person)."""
    hidden = [p.pk for p in secrets.hidden]
    others = Person.objects.exclude(pk__in=hidden).order_by("?").values_list("pk", flat=True)
    return hidden + list(others[:OTHERS])


def _every_object_page(persons: list[int]) -> list[str]:
    pages = [f"/cases/{pk}/" for pk in Case.objects.values_list("pk", flat=True)]
    pages += [f"/persons/{pk}/" for pk in persons]
    # The merged view of a person lists the other records of their cluster.
    pages += [f"/resolution/persons/{pk}/" for pk in persons[:OTHERS] + persons[-OTHERS:]]
    for pk in Manifest.objects.values_list("pk", flat=True):
        pages += [f"/intake/manifests/{pk}/{tail}" for tail in ("", "corrections/")]
        pages.append(f"/intake/manifests/{pk}/corrections.csv")
    pages += [f"/intake/rows/{pk}/" for pk in ManifestRow.objects.values_list("pk", flat=True)]
    pages += [
        f"/statistics/ledger/batches/{pk}/"
        for pk in LedgerBatch.objects.values_list("pk", flat=True)
    ]
    pages += [f"/intake/people/{pk}/" for pk in BorderEvent.objects.values_list("pk", flat=True)]
    pages += [f"/resolution/review/{pk}/" for pk in MatchLink.objects.values_list("pk", flat=True)]
    # Networks of links: every case's, and the persons' (analysts and the monitoring cell).
    pages += [f"/network/cases/{pk}/" for pk in Case.objects.values_list("pk", flat=True)]
    # A person's network is the costliest page: every case's network above holds every party;
    # the persons' own are opened for the first and last few (hidden ones first).
    sample = persons[:OTHERS] + persons[-OTHERS:]
    pages += [f"/network/persons/{pk}/?depth=2" for pk in sample]
    # The public portal is linked from no officer page; its own crawl is htms/public/tests.
    pages += ["/public/en/", "/public/ur/figures/", "/public/en/figures.csv"]
    # The agents register: a protected person accused elsewhere has a dossier.
    accused = set(
        CaseParty.objects.filter(role=PartyRole.ACCUSED, person_id__in=persons).values_list(
            "person_id", flat=True
        )
    )
    pages += [f"/intelligence/agents/{pk}/" for pk in persons if pk in accused or pk in sample]
    pages += [
        f"/intelligence/red-book/{pk}/" for pk in RedBookEntry.objects.values_list("pk", flat=True)
    ]
    pages += ["/intelligence/red-book.csv", "/intelligence/black-book.csv"]
    # Notices for the public prepared from the books (a protected person is refused).
    pages += [
        f"/portal/notices/from/red-book/{pk}/"
        for pk in RedBookEntry.objects.values_list("pk", flat=True)
    ]
    pages += [
        f"/portal/notices/from/black-book/{pk}/" for pk in persons if pk in accused or pk in sample
    ]
    pages += ["/intelligence/gazette/", "/intelligence/gazette/issues/"]
    pages += [f"/helpline/calls/{pk}/" for pk in Call.objects.values_list("pk", flat=True)]
    pages += [
        f"/protection/referrals/{pk}/" for pk in Referral.objects.values_list("pk", flat=True)
    ]
    pages += [
        f"/protection/plans/{pk}/end/" for pk in SupportPlan.objects.values_list("pk", flat=True)
    ]
    pages += [
        f"/protection/follow-ups/{pk}/done/" for pk in FollowUp.objects.values_list("pk", flat=True)
    ]
    pages += [f"/protection/returns/{pk}/" for pk in Return.objects.values_list("pk", flat=True)]
    pages += [
        f"/protection/return-follow-ups/{pk}/done/"
        for pk in ReturnFollowUp.objects.values_list("pk", flat=True)
    ]
    # Payments by person, and each payment's own form.
    pages += [f"/network/payments/?person={pk}" for pk in sample]
    pages += [f"/network/payments/{pk}/" for pk in Payment.objects.values_list("pk", flat=True)]
    return pages


def _api(crawl: Crawl, persons: list[int]) -> None:
    schema = json.loads(crawl.client.get("/api/schema/?format=json").content)
    ids: dict[tuple[str, ...], list[tuple[int, ...]]] = {
        ("case_id",): [(pk,) for pk in Case.objects.values_list("pk", flat=True)],
        ("person_id",): [(pk,) for pk in persons],
        ("case_id", "document_id"): list(CaseDocument.objects.values_list("case_id", "pk")),
        ("manifest_id",): [(pk,) for pk in Manifest.objects.values_list("pk", flat=True)],
        ("event_id",): [(pk,) for pk in BorderEvent.objects.values_list("pk", flat=True)],
        ("row_id",): [(pk,) for pk in ManifestRow.objects.values_list("pk", flat=True)],
        ("user_id",): [(pk,) for pk in User.objects.values_list("pk", flat=True)],
        ("entry_id",): [(pk,) for pk in RedBookEntry.objects.values_list("pk", flat=True)],
        ("call_id",): [(pk,) for pk in Call.objects.values_list("pk", flat=True)],
        ("referral_id",): [(pk,) for pk in Referral.objects.values_list("pk", flat=True)],
        ("return_id",): [(pk,) for pk in Return.objects.values_list("pk", flat=True)],
        ("batch_id",): [(pk,) for pk in LedgerBatch.objects.values_list("pk", flat=True)],
    }
    # A person's network is the costliest answer: opened for a sample, as its page is.
    sample = [(pk,) for pk in persons[:OTHERS] + persons[-OTHERS:]]
    for path, operations in schema["paths"].items():
        if "get" not in operations or path == "/api/schema/":
            continue
        params = tuple(re.findall(r"{(\w+)}", path))
        if not params:
            _api_list(crawl, path)
            continue
        assert params in ids, f"no ids to walk {path} with"
        walked = sample if path.startswith("/api/network/persons/") else ids[params]
        for values in walked:
            url = path
            for name, value in zip(params, values, strict=True):
                url = url.replace(f"{{{name}}}", str(value))
            crawl.get(url)


def _api_list(crawl: Crawl, path: str) -> None:
    url: str | None = path
    for _ in range(MAX_API_PAGES):
        if url is None:
            return
        text = crawl.get(url)
        try:
            answer = json.loads(text) if text else None
        except json.JSONDecodeError:
            return
        following = answer.get("next") if isinstance(answer, dict) else None
        url = _local(following, path) if following else None


def _searches(crawl: Crawl) -> None:
    """Searches by the names and CNICs of hidden persons: the API (persons and cases), the
    search suggestions."""
    for person in crawl.secrets.hidden[:SEARCHES]:
        name = person.full_name or person.full_name_ur
        cnics = [d.number for d in person.documents.all() if d.kind == "cnic"]
        crawl.get(f"/api/persons/?q={name}")
        crawl.get(f"/api/cases/?q={name}")
        crawl.get(f"/api/persons/candidates/?name={name}")
        crawl.get(f"/identity/candidates/?name={name}")
        crawl.get(f"/network/?name={name}")
        for phone in person.phones.all():
            crawl.get(f"/network/uses/?number={quote(phone.number)}")
        for cnic in cnics:
            crawl.get(f"/api/persons/?cnic={cnic}")
            crawl.get(f"/api/persons/candidates/?cnic={cnic}")
            crawl.get(f"/identity/candidates/?cnic={cnic}")


# The crawl asks for every record, most of them refused: it reads what the pages show, so it is
# not slowed down like a prober (htms/audit/refusals.py, tested in htms/audit/tests). The table
# of people counted is rebuilt once from all the data, before the crawl, rather than before
# each of the hundreds of figures it opens (the crawl only reads).
@override_settings(
    HTMS_REFUSAL_LIMIT_PER_USER=10**6,
    HTMS_REFUSAL_LIMIT_PER_ADDRESS=10**6,
    HTMS_STATISTICS_MAX_AGE=24 * 3600,
)
def _crawl(username: str, *, everything: bool = True) -> Crawl:
    statistics_refresh()
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    crawl = Crawl(client, _secrets(user))
    _follow_links(crawl)
    if everything:
        persons = _persons_to_open(crawl.secrets)
        for url in _every_object_page(persons):
            crawl.get(url)
        _api(crawl, persons)
        _searches(crawl)
    return crawl


def _report(crawl: Crawl) -> str:
    lines = [f"{url}: {sorted(values)[:5]}" for url, values in list(crawl.found.items())[:20]]
    return f"{len(crawl.found)} pages show protected identities:\n" + "\n".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("username", WITHOUT_NEED)
def test_it_shows_no_protected_identity_to_a_role_without_need_to_know(
    demo: None, username: str
) -> None:
    crawl = _crawl(username)
    assert len(crawl.secrets.values) > 100, "the demo data should hold protected persons"
    assert not crawl.errors, crawl.errors
    assert not crawl.found, _report(crawl)


@pytest.mark.slow
@pytest.mark.parametrize("username", WITH_NEED)
def test_the_same_crawl_finds_the_identities_for_an_officer_with_need_to_know(
    demo: None, username: str
) -> None:
    """The search strings are right: where the rule shows identities, the crawl finds them."""
    user = User.objects.get(username=username)
    outsider = _secrets(User.objects.get(username="demo-analyst"))
    handled = _handled_ids(user)
    crawl = Crawl(Client(), outsider)
    crawl.client.force_login(user)
    _follow_links(crawl)
    handled_protected = [p for p in outsider.hidden if p.pk in handled][:15]
    assert handled_protected
    for person in handled_protected:
        crawl.get(f"/persons/{person.pk}/")
        crawl.get(f"/api/persons/{person.pk}/")
    found = {pid for values in crawl.found.values() for v in values for pid in [outsider.values[v]]}
    assert {p.pk for p in handled_protected} <= found


def test_it_names_the_taftan_screenings_as_protected(demo: None) -> None:
    secrets = _secrets(User.objects.get(username="demo-analyst"))
    for name, cnic in (TAFTAN_VICTIM, TAFTAN_MINOR):
        assert name in secrets.values and cnic in secrets.values
