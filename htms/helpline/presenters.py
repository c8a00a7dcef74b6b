"""What pages and the API show of a call: the caller's name and number only to those with need
to know (``caller_identity_visible``); everyone else reads "Withheld". Decided here, never in a
template."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.helpline.access import caller_identity_visible
from htms.helpline.models import Call


@dataclass(frozen=True)
class CallView:
    call: Call
    caller: str
    caller_phone: str
    identity_shown: bool

    @property
    def answer_time(self) -> timedelta | None:
        if self.call.answered_at is None:
            return None
        return self.call.answered_at - self.call.started_at

    @property
    def escalation_delay(self) -> timedelta | None:
        if self.call.escalated_at is None:
            return None
        return self.call.escalated_at - self.call.started_at


def call_view(user: User, call: Call) -> CallView:
    if call.anonymous:
        return CallView(call, _("Anonymous caller"), "", True)
    if not caller_identity_visible(user, call):
        return CallView(call, _("Withheld"), "", False)
    return CallView(call, call.caller_name or _("Name not given"), call.caller_phone, True)


def call_views(user: User, calls: list[Call]) -> list[CallView]:
    return [call_view(user, call) for call in calls]
