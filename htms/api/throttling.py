"""The API's side of the refusal limit (htms/audit/refusals.py): once DRF knows the token's
user, a caller past the limit is answered 429 before the view runs, so nothing is written."""

from typing import Any

from rest_framework.exceptions import ErrorDetail, Throttled
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from htms.audit.refusals import refusal_block, too_many_message


class TooManyRefusals(Throttled):
    """A 429 whose message already says how long to wait, in the officer's language."""

    extra_detail_singular = extra_detail_plural = ""

    def __init__(self, *, detail: str, wait: int) -> None:
        super().__init__(wait=wait, detail=detail)
        self.detail = ErrorDetail(detail, code=self.default_code)


class RefusalThrottle(BaseThrottle):
    def allow_request(self, request: Request, view: Any) -> bool:
        block = refusal_block(user=request.user, address=request.META.get("REMOTE_ADDR"))
        if block is not None:
            raise TooManyRefusals(wait=block.seconds_left, detail=too_many_message(block))
        return True
