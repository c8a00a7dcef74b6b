from django.urls import URLPattern, path

from htms.protection.views import care, directory, figures, referrals, returns

REFERRAL = "referrals/<int:referral_id>/"
RETURN = "returns/<int:return_id>/"

urlpatterns: list[URLPattern] = [
    path("organisations/", directory.directory, name="protection_directory"),
    path("organisations/new/", directory.organisation_edit, name="protection_organisation_new"),
    path(
        "organisations/<int:organisation_id>/edit/",
        directory.organisation_edit,
        name="protection_organisation_edit",
    ),
    path("shelters/", directory.shelters, name="protection_shelters"),
    path("figures/", figures.figures, name="protection_figures"),
    path("referrals/", referrals.referrals, name="protection_referrals"),
    path("referrals/new/", referrals.referral_new, name="protection_referral_new"),
    path(REFERRAL, referrals.referral_page, name="protection_referral"),
    path(REFERRAL + "move/", referrals.referral_move_view, name="protection_referral_move"),
    path(REFERRAL + "consent/", referrals.consent_withdraw, name="protection_consent_withdraw"),
    path(
        "plans/<int:record_id>/end/",
        care.record_close,
        {"what": "plan"},
        name="protection_plan_end",
    ),
    path(
        "follow-ups/<int:record_id>/done/",
        care.record_close,
        {"what": "follow_up"},
        name="protection_follow_up_done",
    ),
    path(REFERRAL + "return/", returns.return_new, name="protection_return_new"),
    path(RETURN, returns.return_page, name="protection_return"),
    path(RETURN + "<str:what>/", returns.return_write, name="protection_return_write"),
    path(
        "return-follow-ups/<int:follow_up_id>/done/",
        returns.follow_up_done,
        name="protection_return_follow_up_done",
    ),
    path(
        REFERRAL + "<str:what>/",
        care.referral_write,
        name="protection_referral_write",
    ),
]
