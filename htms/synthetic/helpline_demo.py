"""Demo calls of the 24/7 help line (synthetic, like every demo record): an anonymous tip about
an agent made a lead and handed to the Lahore circle, which registers it as an enquiry; an
emergency escalated to Gujranwala and one to Lahore; a victim waiting for a call-back; an
information call closed."""

from datetime import timedelta

from django.utils import timezone

from htms.accounts.models import User
from htms.helpline.inputs import CallInput
from htms.helpline.leads import lead_record
from htms.helpline.services import (
    call_close,
    call_hand_to_circle,
    call_record,
    call_register_case,
    callback_plan,
)

AGENT_TIP = (
    "Synthetic demo call. The caller will not give a name. An agent called Rashid Kamboh at "
    "Shahdara takes 1.2 million rupees to send young men to Italy through Iran and Turkey; "
    "three boys of the street left last month and one family has had no news."
)


def _call(minutes_ago: int, **given: object) -> CallInput:
    started = timezone.now() - timedelta(minutes=minutes_ago)
    values: dict[str, object] = {
        "channel": "phone",
        "started_at": started,
        "answered_at": started + timedelta(seconds=40),
        "ended_at": started + timedelta(minutes=6),
        "language": "ur",
        "urgency": "today",
    }
    return CallInput(**(values | given))  # type: ignore[arg-type]


def helpline_demo_seed(*, call_taker: User, incharge: User) -> int:
    """Records the demo calls as ``call_taker``; ``incharge`` (Lahore) registers the tip."""
    tip = call_record(
        actor=call_taker,
        data=_call(
            300,
            anonymous=True,
            district_code="PB-LAHORE",
            summary=AGENT_TIP,
            category="agent_tip",
        ),
    )
    lead_record(
        actor=call_taker,
        call_id=tip.pk,
        agent_name="Rashid Kamboh",
        agent_phone="0301 4455667",
        what_was_said="Sends young men to Italy through Iran and Turkey for 1.2 million rupees.",
    )
    call_hand_to_circle(actor=call_taker, call_id=tip.pk)
    call_register_case(
        actor=incharge, call_id=tip.pk, statute_codes=["PSMA2018-3"], is_synthetic=True
    )
    _emergencies(call_taker)
    _others(call_taker)
    return 5


def _emergencies(call_taker: User) -> None:
    call_record(
        actor=call_taker,
        data=_call(
            45,
            channel="whatsapp",
            caller_name="Nasreen Akhtar",
            caller_phone="0345 7788990",
            district_code="PB-GUJRANWALA",
            summary="Synthetic demo call. Her daughter is held in a house by a recruiter and "
            "will be taken to the airport tonight.",
            category="emergency",
            urgency="immediate",
        ),
    )
    call_record(
        actor=call_taker,
        data=_call(
            20,
            anonymous=True,
            district_code="PB-LAHORE",
            summary="Synthetic demo call. Twelve men locked in a workshop near the ring road.",
            category="emergency",
            urgency="immediate",
        ),
    )


def _others(call_taker: User) -> None:
    victim = call_record(
        actor=call_taker,
        data=_call(
            120,
            caller_name="Zubair Ahmed",
            caller_phone="0333 1122334",
            district_code="PB-SIALKOT",
            summary="Synthetic demo call. Deported from Oman, his passport kept by the employer; "
            "asks what help he can get.",
            category="victim_help",
        ),
    )
    callback_plan(
        actor=call_taker,
        call_id=victim.pk,
        planned_at=timezone.now() + timedelta(hours=2),
        note="Give him the shelter's number.",
    )
    info = call_record(
        actor=call_taker,
        data=_call(
            600,
            channel="sms",
            district_code="SD-HYDERABAD",
            summary="Synthetic demo call. Asks how to check that a foreign employment promoter "
            "is licensed.",
            category="information",
            urgency="routine",
        ),
    )
    call_close(actor=call_taker, call_id=info.pk)
