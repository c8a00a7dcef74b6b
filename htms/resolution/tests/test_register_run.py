"""``htms resolve_register``: the register's batch run, stored in one go and audited."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.persons.models import Person
from htms.resolution.models import ClusterMember, Decision, LinkStatus, ResolutionRun
from htms.resolution.runs import register_resolve
from htms.resolution.services import ALREADY_DECIDED, decision_record
from htms.resolution.tests.conftest import link_between

pytestmark = pytest.mark.django_db


def test_it_links_the_same_suspect_entered_by_two_circles(
    run: ResolutionRun, register: dict[str, int]
) -> None:
    link = link_between(register["imran_a"], register["imran_b"])
    assert link.status == LinkStatus.AUTO_LINKED
    assert link.reasons["cnic"] == {"level": "same CNIC", "agreement": "full"}
    clusters = dict(ClusterMember.objects.values_list("person_id", "cluster_id"))
    assert clusters[register["imran_a"]] == clusters[register["imran_b"]]


def test_it_never_links_a_victim_to_an_accused_without_review(
    run: ResolutionRun, register: dict[str, int]
) -> None:
    link = link_between(register["victim"], register["victim_as_accused"])
    assert link.probability > 0.99
    assert link.status == LinkStatus.NEEDS_REVIEW
    assert not ClusterMember.objects.filter(person_id=register["victim"]).exists()


def test_it_records_the_run_once_in_the_audit_chain(run: ResolutionRun) -> None:
    assert run.finished_at is not None
    assert run.counts["persons"] == Person.objects.count()
    assert run.counts["links"] == {"auto_linked": 1, "needs_review": 1}
    event = AuditEvent.objects.get(object_type="resolution_run")
    assert event.object_id == str(run.pk) and event.actor is None


def test_it_reuses_decisions_and_never_asks_twice(
    run: ResolutionRun, register: dict[str, int], anne: User
) -> None:
    pair = link_between(register["victim"], register["victim_as_accused"])
    decision_record(
        actor=anne, link_id=pair.pk, decision=Decision.NOT_SAME, note="Different mothers"
    )
    call_command("resolve_register", verbosity=0)
    again = link_between(register["victim"], register["victim_as_accused"])
    assert again.run_id != run.pk
    assert again.status == LinkStatus.DECIDED_NOT_SAME
    with pytest.raises(ValidationError) as error:
        decision_record(actor=anne, link_id=again.pk, decision=Decision.SAME)
    assert error.value.message_dict == {"decision": [ALREADY_DECIDED]}


def test_it_keeps_a_same_decision_across_runs(
    run: ResolutionRun, register: dict[str, int], anne: User
) -> None:
    pair = link_between(register["victim"], register["victim_as_accused"])
    decision_record(actor=anne, link_id=pair.pk, decision=Decision.SAME)
    register_resolve()
    clusters = dict(ClusterMember.objects.values_list("person_id", "cluster_id"))
    assert clusters[register["victim"]] == clusters[register["victim_as_accused"]]
    assert (
        link_between(register["victim"], register["victim_as_accused"]).status
        == LinkStatus.DECIDED_SAME
    )


def test_it_keeps_what_training_could_not_learn(run: ResolutionRun) -> None:
    """A register under 1,000 persons is resolved with the reference parameters, and says so."""
    assert any("too few to learn from" in note for note in run.params["notes"])
