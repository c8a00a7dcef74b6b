"""Who may read networks of links, and which part of them: intelligence is need-to-know.

- Analysts and the ATU monitoring cell read the whole network, nationally.
- A circle in-charge reads the part reachable through the cases they may see
  (``case_queryset_for_user``: their own unit's, or their zone's when posted at a zonal
  directorate). Precisely: the cases they may see, the persons party to those cases, and the
  phones, documents, addresses and accounts of those persons; a link is shown when each of its
  person and case ends is in that part; a link between two phones or two accounts (a call, a
  payment between accounts) only when both ends already are.
- Everyone else gets 404 on every network page and API answer.

Stored links (payments, imported call-detail records) are written by analysts and by circle
in-charges within their part (``network_may_write``); the monitoring cell reads but does not
write (403). A payment is in an in-charge's part when its case is, or when every person at its
ends is (``payment_get_for_user``).

Whose identity shows is the one rule of ``htms/persons/access.py``: a protected person appears
as their pseudonym to whoever may not see their identity (``presenters.py``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404

from htms.accounts.models import Role, User
from htms.cases.access import case_get_for_user, case_queryset_for_user
from htms.cases.models import Case, CaseParty
from htms.common.errors import NotAllowedError
from htms.intelligence.access import agent_queryset_for_user
from htms.network.models import Payment
from htms.persons.access import identity_visibility
from htms.persons.models import Person


def network_may_read(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.reads_nationally and user.role in {Role.ANALYST, Role.MONITORING_CELL}
             or user.role == Role.CIRCLE_INCHARGE and user.unit_id is not None)
    )  # fmt: skip


def _national(user: User) -> bool:
    return user.role in {Role.ANALYST, Role.MONITORING_CELL}


@dataclass
class NetworkScope:
    """The part of the network one user may read; ``None`` sets mean everything."""

    user: User
    cases: set[int] | None = None
    _persons: dict[int, bool] = field(default_factory=dict)
    _dossiers: dict[int, bool] = field(default_factory=dict)

    @property
    def national(self) -> bool:
        return self.cases is None

    def persons_allowed(self, person_ids: Iterable[int]) -> set[int]:
        """The persons among ``person_ids`` in the user's part. One query for new ids."""
        ids = set(person_ids)
        if self.cases is None:
            return ids
        unknown = ids - self._persons.keys()
        if unknown:
            parties = CaseParty.objects.filter(person_id__in=unknown, case_id__in=self.cases)
            found = set(parties.values_list("person_id", flat=True).order_by())
            self._persons.update({pid: pid in found for pid in unknown})
        return {pid for pid in ids if self._persons[pid]}

    def dossier_allowed(self, person_ids: Iterable[int]) -> set[int]:
        """The persons among ``person_ids`` whose dossier facts the user may read (the rule of
        ``htms/intelligence/access.py``) and whose identity they may see: the dossier shows the
        facts of a pseudonym as •••, so they are no links either. A few queries for new ids."""
        ids = set(person_ids)
        unknown = ids - self._dossiers.keys()
        if unknown:
            visible = identity_visibility(self.user, unknown)
            found = {pid for pid in unknown if visible[pid]}
            if self.cases is not None and found:
                agents = agent_queryset_for_user(self.user).filter(pk__in=found)
                found = set(agents.values_list("pk", flat=True).order_by())
            self._dossiers.update({pid: pid in found for pid in unknown})
        return {pid for pid in ids if self._dossiers[pid]}

    def case_allowed(self, case_id: int) -> bool:
        return self.cases is None or case_id in self.cases


def network_scope_for_user(user: User) -> NetworkScope:
    """The user's part of the network; 404 for a user who may read no network."""
    if not network_may_read(user):
        raise Http404("No such network.")
    if _national(user):
        return NetworkScope(user)
    cases = set(case_queryset_for_user(user).values_list("pk", flat=True).order_by())
    return NetworkScope(user, cases=cases)


def network_person_get(*, user: User, person_id: int) -> tuple[NetworkScope, Person]:
    """The person at the root of a network, with the user's scope; 404 when the user may read
    no network or the person is outside their part."""
    scope = network_scope_for_user(user)
    person = Person.objects.filter(pk=person_id).first() if str(person_id).isdigit() else None
    if person is None or not scope.persons_allowed([person.pk]):
        raise Http404("No such network.")
    return scope, person


def network_case_get(*, user: User, case_id: int) -> tuple[NetworkScope, Case]:
    """The case at the root of a network; 404 as ``case_get_for_user`` and for users who may
    read no network."""
    scope = network_scope_for_user(user)
    return scope, case_get_for_user(user=user, case_id=case_id)


def network_may_write(user: User) -> bool:
    """Analysts and circle in-charges record payments and import call-detail records."""
    return network_may_read(user) and user.role in {Role.ANALYST, Role.CIRCLE_INCHARGE}


def network_write_scope(user: User) -> NetworkScope:
    """The part of the network the user may write to: 404 for a user who may read no network,
    NotAllowedError for one who may only read it."""
    scope = network_scope_for_user(user)
    if not network_may_write(user):
        raise NotAllowedError()
    return scope


def payment_allowed(scope: NetworkScope, payment: Payment) -> bool:
    if payment.case_id is not None and scope.case_allowed(payment.case_id):
        return True
    ends = {pk for pk in (payment.payer_id, payment.beneficiary_id) if pk is not None}
    return bool(ends) and scope.persons_allowed(ends) == ends


def payment_get_for_user(*, user: User, payment_id: int, write: bool = False) -> Payment:
    """A stored payment in the user's part of the network (404 otherwise); with ``write``,
    NotAllowedError unless the user may record payments."""
    scope = network_write_scope(user) if write else network_scope_for_user(user)
    payment = Payment.objects.filter(pk=payment_id).first() if str(payment_id).isdigit() else None
    if payment is None or not payment_allowed(scope, payment):
        raise Http404("No such payment.")
    return payment
