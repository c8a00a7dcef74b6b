"""The referred person as one viewer may see them, decided here and nowhere else.

The referring unit's writers see the person through the identity rule of HTMS
(``htms.persons.presenters.identity_view``). The organisation's caseworkers see the pseudonym,
sex and minority, plus exactly the fields the consent shares; once consent is withdrawn, the
pseudonym only. A template receives an ``IdentityView`` and cannot tell the two apart.
"""

from django.db.models import prefetch_related_objects

from htms.accounts.models import User
from htms.persons.presenters import IdentityView, birth_date_text, identity_view, identity_views
from htms.protection.access import referral_is_referrer
from htms.protection.models import Referral, SharedField

DETAILED = {SharedField.DOCUMENTS, SharedField.PHONES, SharedField.ADDRESS}


def _consented(referral: Referral, *, details: bool = True) -> IdentityView:
    person = referral.person
    shared = set(referral.shared_fields) if referral.consent_active else set()
    if not details:
        shared -= DETAILED
    if shared & DETAILED:
        prefetch_related_objects([person], "documents", "phones", "addresses")
    named = SharedField.NAME in shared
    return IdentityView(
        person_id=person.pk,
        visible=named,
        pseudonym=person.pseudonym,
        name=(person.full_name or person.full_name_ur) if named else person.pseudonym,
        sex=person.get_sex_display(),
        is_synthetic=person.is_synthetic,
        name_ur=person.full_name_ur if named and person.full_name else "",
        father_name=person.father_name if SharedField.FATHER_NAME in shared else "",
        father_name_ur=person.father_name_ur if SharedField.FATHER_NAME in shared else "",
        birth_date=birth_date_text(person) if SharedField.BIRTH_DATE in shared else "",
        documents=[str(d) for d in person.documents.all()]
        if SharedField.DOCUMENTS in shared
        else [],
        phones=[str(p) for p in person.phones.all()] if SharedField.PHONES in shared else [],
        addresses=[a.text for a in person.addresses.all()] if SharedField.ADDRESS in shared else [],
    )


def referral_person_view(user: User, referral: Referral) -> IdentityView:
    """The person of ``referral`` as ``user`` may see them (``user`` already passed
    ``referral_get_for_user``)."""
    if referral_is_referrer(user, referral):
        return identity_view(user, referral.person, details=True)
    return _consented(referral)


def referral_person_views(user: User, referrals: list[Referral]) -> dict[int, IdentityView]:
    """Referral id -> the person's name as ``user`` may see it, for list pages (no numbers).
    At most two queries whatever the length of the list."""
    mine = [r for r in referrals if referral_is_referrer(user, r)]
    by_person = identity_views(user, [r.person for r in mine])
    views = {r.pk: by_person[r.person_id] for r in mine}
    views.update({r.pk: _consented(r, details=False) for r in referrals if r.pk not in views})
    return views


def referral_rows(user: User, referrals: list[Referral]) -> list[tuple[Referral, IdentityView]]:
    """Each referral with its person's name as ``user`` may see it, for the rows template."""
    views = referral_person_views(user, referrals)
    return [(r, views[r.pk]) for r in referrals]
