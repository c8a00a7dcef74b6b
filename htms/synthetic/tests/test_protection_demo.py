"""``htms seed_protection_demo``, as ``make run`` runs it: the directory with its shelters,
the referrals of the demo's stories and the help line's calls."""

import io
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from htms.helpline.models import Call
from htms.protection.models import Organisation, Referral, ReferralState, ShelterStay


def test_it_seeds_shelters_referrals_and_calls(db: None, tmp_path: Path) -> None:
    """Shelters with their caseworkers' units; referrals admitted, waiting for an answer, a
    minor's not sent, one after a call and one from the border; calls. (Fewer cases than
    ``make run`` seeds, to be quick: the story of a discharge needs more victims.)"""
    out = io.StringIO()
    with override_settings(VAR_DIR=tmp_path):
        for command, args in (
            ("seed_demo", ["--cases", "40"]),
            ("seed_intake_demo", ["--rows", "20"]),
            ("seed_protection_demo", []),
        ):
            call_command(command, *args, stdout=out)
    shelters = [o for o in Organisation.objects.all() if o.is_shelter]
    assert len(shelters) >= 3 and all(o.unit_id for o in shelters[:3])
    referrals = Referral.objects.filter(is_synthetic=True)
    states = set(referrals.values_list("state", flat=True))
    assert {ReferralState.IN_SERVICE, ReferralState.SENT, ReferralState.PROPOSED} <= states
    assert referrals.filter(minor=True, state=ReferralState.PROPOSED).exists()
    assert referrals.filter(call__isnull=False).exists()
    assert referrals.filter(border_event__isnull=False).exists()
    assert ShelterStay.objects.filter(referral__in=referrals).exists()
    assert Call.objects.count() >= 3
