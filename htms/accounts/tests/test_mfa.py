"""The second factor: setting up the app, recovery codes, an administrator's reset."""

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from htms.accounts.mfa import (
    MFA_ROLES,
    RECOVERY_CODES,
    mfa_device_for_code,
    mfa_enrolled,
    mfa_enrolment_confirm,
    mfa_enrolment_start,
    mfa_recovery_codes_left,
    mfa_recovery_codes_renew,
    mfa_required,
    mfa_reset,
    otpauth_uri,
    qr_svg,
    totp_code,
)
from htms.accounts.models import Role, User
from htms.accounts.tests.support import enrol
from htms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_role_needs_a_second_factor(alice: User, hana: User, carl: User) -> None:
    assert set(Role) == MFA_ROLES
    assert all(mfa_required(u) for u in (alice, hana, carl))


def test_it_keeps_one_unconfirmed_app_until_a_code_confirms_it(alice: User) -> None:
    device = mfa_enrolment_start(user=alice)
    assert mfa_enrolment_start(user=alice) == device
    assert not mfa_enrolled(alice)
    codes = mfa_enrolment_confirm(user=alice, code=totp_code(device))
    assert mfa_enrolled(alice)
    assert len(codes) == RECOVERY_CODES == mfa_recovery_codes_left(user=alice)
    assert AuditEvent.objects.filter(actor=alice, object_type="otp_device").count() == 2


def test_it_refuses_a_wrong_code_when_setting_up(alice: User) -> None:
    device = mfa_enrolment_start(user=alice)
    with pytest.raises(ValidationError) as caught:
        mfa_enrolment_confirm(user=alice, code="12345x")
    assert caught.value.code == "invalid_code"
    device.refresh_from_db()
    assert not device.confirmed


def test_a_new_app_replaces_the_old_one(alice: User) -> None:
    old = enrol(alice)
    new = mfa_enrolment_start(user=alice)
    mfa_enrolment_confirm(user=alice, code=totp_code(new))
    assert list(TOTPDevice.objects.filter(user=alice)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_new_recovery_codes_end_the_old_ones(alice: User) -> None:
    old = mfa_recovery_codes_renew(user=alice)
    new = mfa_recovery_codes_renew(user=alice)
    assert not set(old) & set(new)
    assert mfa_device_for_code(user=alice, code=new[0]) is not None
    assert mfa_device_for_code(user=alice, code=old[0]) is None
    assert mfa_recovery_codes_left(user=alice) == RECOVERY_CODES - 1


def test_a_code_of_one_user_does_not_open_another(alice: User, bob: User) -> None:
    enrol(alice)
    enrol(bob)
    codes = mfa_recovery_codes_renew(user=alice)
    assert mfa_device_for_code(user=bob, code=codes[0]) is None
    device = TOTPDevice.objects.get(user=alice)
    assert mfa_device_for_code(user=bob, code=totp_code(device)) is None


def test_an_administrator_reset_removes_every_device(alice: User, adam: User) -> None:
    enrol(alice)
    mfa_recovery_codes_renew(user=alice)
    assert mfa_reset(actor=adam, user=alice) == 2
    assert not mfa_enrolled(alice)
    assert not StaticToken.objects.filter(device__user=alice).exists()
    assert AuditEvent.objects.filter(actor=adam, action="delete", object_type="otp_device")


def test_it_draws_the_qr_code_on_the_server(alice: User) -> None:
    uri = otpauth_uri(mfa_enrolment_start(user=alice))
    assert uri.startswith("otpauth://totp/HTMS%3Aalice?secret=")
    svg = qr_svg(uri)
    assert svg.startswith("<svg") and "<path" in svg
