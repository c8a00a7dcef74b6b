"""Cases the tests of several apps build."""

from dataclasses import replace
from datetime import date

from htms.accounts.models import User
from htms.cases.models import Case
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input

LEDGER_FIR = date(2019, 7, 14)


def ledger_case(actor: User, fir_number: str = "88/2019") -> Case:
    data = replace(tip_case_input(), fir_number=fir_number, fir_date=LEDGER_FIR, occurred_on=None)
    return case_register(actor=actor, data=data, historical=True)
