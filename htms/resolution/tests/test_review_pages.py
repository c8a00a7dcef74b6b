"""The review queue, the side-by-side page and its decision, and the merged view: who may see
what, and every answer confirmed, kept and audited."""

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.test import Client
from django.urls import reverse

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.persons.models import Person
from htms.resolution.models import ClusterMember, LinkStatus, ResolutionRun, ReviewDecision
from htms.resolution.tests.conftest import link_between

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_lists_the_victim_pair_for_the_in_charge_of_the_circle(
    run: ResolutionRun, register: dict[str, int], anne: User
) -> None:
    pair = link_between(register["victim"], register["victim_as_accused"])
    page = _client(anne).get(reverse("resolution:queue"))
    assert page.status_code == 200
    assert reverse("resolution:pair", args=[pair.pk]) in page.content.decode()
    assert AuditEvent.objects.filter(object_type="review_queue", actor=anne).exists()


@pytest.mark.parametrize("who", ["bob", "bina", "mona", "alice", "carl", "hana"])
def test_it_hides_alices_victim_pair_from_everyone_else(
    run: ResolutionRun, register: dict[str, int], who: str, request: pytest.FixtureRequest
) -> None:
    """bob (officer of B), bina (in-charge of B), mona (monitoring cell, no need-to-know on
    victims), alice (officer, not a reviewer), carl, hana: 404, existence not revealed."""
    user = request.getfixturevalue(who)
    pair = link_between(register["victim"], register["victim_as_accused"])
    client = _client(user)
    assert client.get(reverse("resolution:pair", args=[pair.pk])).status_code == 404
    assert (
        client.post(
            reverse("resolution:pair", args=[pair.pk]), {"decision": "same", "confirmed": "on"}
        ).status_code
        == 404
    )
    assert not ReviewDecision.objects.exists()


def test_it_shows_the_monitoring_cell_pairs_of_suspects_only(
    run: ResolutionRun, register: dict[str, int], mona: User
) -> None:
    suspects = link_between(register["imran_a"], register["imran_b"])
    page = _client(mona).get(reverse("resolution:pair", args=[suspects.pk]))
    assert page.status_code == 200
    assert "Imran Butt" in page.content.decode()
    assert _client(mona).get(reverse("resolution:queue")).status_code == 200


def test_it_shows_the_pair_side_by_side_with_the_reasons(
    run: ResolutionRun, register: dict[str, int], anne: User
) -> None:
    pair = link_between(register["victim"], register["victim_as_accused"])
    page = _client(anne).get(reverse("resolution:pair", args=[pair.pk])).content.decode()
    assert "Sajida Bibi" in page and "Sajida Bi Bi" in page
    assert "34101-1234567-2" in page and "same CNIC" in page
    assert 'value="same"' in page and 'value="not_same"' in page and 'value="unsure"' in page
    assert "Sent to review:" in page and "only a supervisor may join them" in page
    viewed = set(
        AuditEvent.objects.filter(actor=anne, object_type="person").values_list(
            "object_id", flat=True
        )
    )
    assert viewed == {str(register["victim"]), str(register["victim_as_accused"])}


def test_it_asks_for_confirmation_then_keeps_the_answer(
    run: ResolutionRun, register: dict[str, int], anne: User
) -> None:
    pair = link_between(register["victim"], register["victim_as_accused"])
    url = reverse("resolution:pair", args=[pair.pk])
    client = _client(anne)
    confirm = client.post(url, {"decision": "same", "note": "Same CNIC and father"})
    assert confirm.status_code == 200 and "Confirm your answer" in confirm.content.decode()
    assert not ReviewDecision.objects.exists()
    done = client.post(url, {"decision": "same", "note": "Same CNIC and father", "confirmed": "on"})
    assert done.status_code == 302
    decision = ReviewDecision.objects.get()
    assert (decision.decision, decision.decided_by, decision.note) == (
        "same",
        anne,
        "Same CNIC and father",
    )
    pair.refresh_from_db()
    assert pair.status == LinkStatus.DECIDED_SAME
    clusters = dict(ClusterMember.objects.values_list("person_id", "cluster_id"))
    assert clusters[register["victim"]] == clusters[register["victim_as_accused"]]
    event = AuditEvent.objects.get(object_type="review_decision")
    assert event.actor == anne and event.changes["decision"] == "same"


def test_it_refuses_an_answer_that_is_not_one_of_the_three(
    run: ResolutionRun, register: dict[str, int], anne: User
) -> None:
    pair = link_between(register["victim"], register["victim_as_accused"])
    page = _client(anne).post(
        reverse("resolution:pair", args=[pair.pk]), {"decision": "maybe", "confirmed": "on"}
    )
    assert page.status_code == 200
    assert "Choose one answer." in page.content.decode()
    assert not ReviewDecision.objects.exists()


def test_it_undoes_an_automatic_merge_without_touching_the_records(
    run: ResolutionRun, register: dict[str, int], mona: User
) -> None:
    suspects = link_between(register["imran_a"], register["imran_b"])
    before = list(Person.objects.filter(pk__in=[register["imran_a"], register["imran_b"]]).values())
    url = reverse("resolution:pair", args=[suspects.pk])
    assert _client(mona).post(url, {"decision": "not_same", "confirmed": "on"}).status_code == 302
    assert not ClusterMember.objects.filter(
        person_id__in=[register["imran_a"], register["imran_b"]]
    ).exists()
    after = list(Person.objects.filter(pk__in=[register["imran_a"], register["imran_b"]]).values())
    assert after == before


def test_it_shows_the_other_records_of_a_person_the_user_may_see(
    run: ResolutionRun, register: dict[str, int], alice: User, cleo: User
) -> None:
    for user in (alice, cleo):  # suspects are visible to every circle
        page = _client(user).get(reverse("resolution:merged", args=[register["imran_a"]]))
        assert page.status_code == 200
        assert reverse("person_detail", args=[register["imran_b"]]) in page.content.decode()
    assert AuditEvent.objects.filter(object_type="person_merged", actor=alice).exists()


def test_it_hides_the_merged_view_of_a_protected_person(
    run: ResolutionRun, register: dict[str, int], anne: User, bob: User, zara: User
) -> None:
    from htms.resolution.services import decision_record

    pair = link_between(register["victim"], register["victim_as_accused"])
    decision_record(actor=anne, link_id=pair.pk, decision="same")
    url = reverse("resolution:merged", args=[register["victim"]])
    assert _client(bob).get(url).status_code == 404
    zonal = _client(zara).get(url).content.decode()
    assert "Sajida" not in zonal and "identity protected" in zonal
    own = _client(anne).get(url).content.decode()
    assert reverse("person_detail", args=[register["victim_as_accused"]]) in own


def test_it_lists_the_queue_in_a_fixed_number_of_queries(
    run: ResolutionRun,
    register: dict[str, int],
    anne: User,
    django_assert_max_num_queries: Callable[[int], AbstractContextManager[object]],
) -> None:
    client = _client(anne)
    client.get(reverse("resolution:queue"))
    # Two of them name the records: the identity rule (htms/persons/presenters.py).
    with django_assert_max_num_queries(13):
        assert client.get(reverse("resolution:queue")).status_code == 200
