"""The intake chokepoint against the whole cast: who sees, who changes, who sees a possible
victim's identity and answers."""

import pytest
from django.http import Http404

from htms.accounts.models import User
from htms.common.errors import NotAllowedError
from htms.intake.access import (
    border_event_get_for_user,
    border_event_queryset_for_user,
    intake_identity_visibility,
    intake_may_record,
    manifest_get_for_user,
    screening_answers_visible,
)
from htms.intake.models import BorderEvent, ManifestSource
from htms.intake.services.events import border_event_record
from htms.intake.services.manifests import manifest_source_create
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import csv_bytes, deportee, record, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def karachi_event(ivan: User) -> BorderEvent:
    return record(ivan)


def _sees(user: User, event: BorderEvent) -> bool:
    return border_event_queryset_for_user(user).filter(pk=event.pk).exists()


def test_the_recording_post_sees_and_changes_its_events(
    karachi_event: BorderEvent, ivan: User, dina: User
) -> None:
    for user in (ivan, dina):
        assert border_event_get_for_user(user=user, event_id=karachi_event.pk, write=True)


def test_another_post_and_circles_do_not_know_the_event_exists(
    karachi_event: BorderEvent, tariq: User, alice: User, zara: User
) -> None:
    for user in (tariq, alice, zara):
        assert not _sees(user, karachi_event)
        with pytest.raises(Http404):
            border_event_get_for_user(user=user, event_id=karachi_event.pk)


def test_the_zone_and_national_readers_see_but_do_not_change(
    karachi_event: BorderEvent, sadia: User, hana: User, mona: User
) -> None:
    for user in (sadia, hana, mona):
        assert border_event_get_for_user(user=user, event_id=karachi_event.pk)
        with pytest.raises(NotAllowedError):
            border_event_get_for_user(user=user, event_id=karachi_event.pk, write=True)


def test_caseworkers_administrators_and_inactive_users_see_nothing(
    karachi_event: BorderEvent, carl: User, adam: User, ivan: User
) -> None:
    ivan.is_active = False
    for user in (carl, adam, ivan):
        assert not _sees(user, karachi_event)


def test_only_writers_at_an_immigration_post_record_intake(
    alice: User, sadia: User, hana: User, ivan: User
) -> None:
    assert intake_may_record(ivan)
    for user in (alice, sadia, hana):
        assert not intake_may_record(user)
        with pytest.raises(NotAllowedError):
            border_event_record(actor=user, entry=deportee())
        with pytest.raises(NotAllowedError):
            manifest_source_create(actor=user, name="x", kind="deported")


def test_a_manifest_belongs_to_its_post(
    ivan: User, tariq: User, sadia: User, oman_source: ManifestSource
) -> None:
    manifest = upload(ivan, oman_source, csv_bytes("Name,CNIC", "Ali,35202-1234567-1"))
    with pytest.raises(Http404):
        manifest_get_for_user(user=tariq, manifest_id=manifest.pk)
    with pytest.raises(NotAllowedError):
        manifest_get_for_user(user=sadia, manifest_id=manifest.pk, write=True)


def test_a_possible_victims_identity_and_answers_stay_with_the_post(
    karachi_event: BorderEvent, ivan: User, sadia: User, hana: User
) -> None:
    screening_record(actor=ivan, event_id=karachi_event.pk, data=ScreeningInput({"sold": True}))
    event = BorderEvent.objects.select_related("screening").get(pk=karachi_event.pk)
    assert screening_answers_visible(ivan, event)
    assert intake_identity_visibility(ivan, [event]) == {event.pk: True}
    for user in (sadia, hana):
        assert not screening_answers_visible(user, event)
        assert intake_identity_visibility(user, [event]) == {event.pk: False}


def test_a_migrants_identity_is_visible_to_the_zone(
    karachi_event: BorderEvent, ivan: User, sadia: User
) -> None:
    screening_record(
        actor=ivan, event_id=karachi_event.pk, data=ScreeningInput({"paid_agent": True})
    )
    event = BorderEvent.objects.select_related("screening").get(pk=karachi_event.pk)
    assert screening_answers_visible(sadia, event)
    assert intake_identity_visibility(sadia, [event]) == {event.pk: True}
