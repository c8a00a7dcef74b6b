"""The stored payments of a case or a person, as a page lists them for correction: access of
the network (``access.py``), names masked by the one identity rule, accounts of protected
persons hidden, and one audit row naming what was shown."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.network.access import (
    network_case_get,
    network_may_write,
    network_person_get,
    payment_allowed,
)
from htms.network.models import Account, AccountHolder, Payment
from htms.persons.models import Person
from htms.persons.presenters import identity_views


@dataclass(frozen=True)
class PaymentRow:
    payment: Payment
    payer: str
    beneficiary: str


@dataclass
class PaymentsPage:
    root_label: str
    root_param: str
    rows: list[PaymentRow]
    may_write: bool


def _labels(user: User, payments: list[Payment]) -> dict[str, str]:
    """``person:ID`` and ``account:ID`` -> what the user may read of them."""
    person_ids = {pk for p in payments for pk in (p.payer_id, p.beneficiary_id) if pk}
    account_ids = {pk for p in payments for pk in (p.payer_account_id, p.beneficiary_account_id)
                   if pk}  # fmt: skip
    views = identity_views(user, Person.objects.filter(pk__in=person_ids))
    holders = AccountHolder.objects.filter(account_id__in=account_ids).select_related("person")
    holder_views = identity_views(user, [h.person for h in holders])
    hidden = {h.account_id for h in holders if not holder_views[h.person_id].visible}
    # The register number is shown with a name only: beside a pseudonym it would tie the
    # pseudonym to a record, which the network pages never do (opaque keys, presenters.py).
    labels = {f"person:{pk}": f"{v.name} (№ {pk})" if v.visible else v.name
              for pk, v in views.items()}  # fmt: skip
    for account in Account.objects.filter(pk__in=account_ids):
        shown = _("%(kind)s (hidden)") % {"kind": account.get_kind_display()}
        labels[f"account:{account.pk}"] = shown if account.pk in hidden else str(account)
    return labels


def _end(labels: dict[str, str], person_id: int | None, account_id: int | None) -> str:
    return labels.get(f"person:{person_id}" if person_id else f"account:{account_id}", "")


def payments_of(*, user: User, case_id: int | None = None, person_id: int | None = None
                ) -> PaymentsPage:  # fmt: skip
    """The payments of a case (``case_id``) or paid or received by a person, within the user's
    part of the network; 404 as the network pages. Audited."""
    if case_id is not None:
        scope, case = network_case_get(user=user, case_id=case_id)
        found = Payment.objects.filter(case_id=case.pk)
        root_label, param = case.reference, f"case={case.pk}"
    else:
        scope, person = network_person_get(user=user, person_id=person_id or 0)
        found = Payment.objects.filter(Q(payer_id=person.pk) | Q(beneficiary_id=person.pk))
        root_label = identity_views(user, [person])[person.pk].name
        param = f"person={person.pk}"
    payments = [p for p in found.order_by("start_date", "pk") if payment_allowed(scope, p)]
    labels = _labels(user, payments)
    rows = [PaymentRow(p, _end(labels, p.payer_id, p.payer_account_id),
                       _end(labels, p.beneficiary_id, p.beneficiary_account_id))
            for p in payments]  # fmt: skip
    audit_record(
        actor=user, action=AuditAction.VIEW, object_type=AuditObject.NETWORK,
        object_id="payments", changes={"query": "payments", "root": param,
                                       "payments": [p.pk for p in payments]},
    )  # fmt: skip
    return PaymentsPage(root_label, param, rows, network_may_write(user))
