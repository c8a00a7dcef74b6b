"""The HTMS REST API, mounted at /api/. The schema is served to logged-in users only."""

from django.urls import URLPattern, URLResolver, path

from htms.api.schema import SchemaView
from htms.api.views import auth, cases, identity, lifecycle, persons, reference, stats

urlpatterns: list[URLPattern | URLResolver] = [
    path("auth/token/", auth.TokenView.as_view(), name="api_token"),
    path("auth/tokens/", auth.TokenCollectionView.as_view(), name="api_tokens"),
    path("auth/tokens/<str:token_id>/", auth.TokenDetailView.as_view(), name="api_token_revoke"),
    path("cases/", cases.CaseCollectionView.as_view(), name="api_cases"),
    path("cases/<str:case_id>/", cases.CaseDetailView.as_view(), name="api_case"),
    path("cases/<str:case_id>/stage/", cases.CaseStageView.as_view(), name="api_case_stage"),
    path(
        "cases/<str:case_id>/hearings/", cases.CaseHearingsView.as_view(), name="api_case_hearings"
    ),
    path(
        "cases/<str:case_id>/judgment/",
        lifecycle.CaseJudgmentView.as_view(),
        name="api_case_judgment",
    ),
    path("approvals/", lifecycle.ApprovalCollectionView.as_view(), name="api_approvals"),
    path(
        "approvals/<str:change_id>/approve/",
        lifecycle.ApprovalApproveView.as_view(),
        name="api_approval_approve",
    ),
    path(
        "approvals/<str:change_id>/decline/",
        lifecycle.ApprovalDeclineView.as_view(),
        name="api_approval_decline",
    ),
    path("persons/", persons.PersonCollectionView.as_view(), name="api_persons"),
    path("persons/candidates/", identity.CandidatesView.as_view(), name="api_candidates"),
    path("persons/<str:person_id>/", persons.PersonDetailView.as_view(), name="api_person"),
    path("stats/case-counts/", stats.CaseCountsView.as_view(), name="api_case_counts"),
    path("reference/provinces/", reference.ProvinceList.as_view(), name="api_provinces"),
    path("reference/districts/", reference.DistrictList.as_view(), name="api_districts"),
    path("reference/countries/", reference.CountryList.as_view(), name="api_countries"),
    path("reference/units/", reference.UnitList.as_view(), name="api_units"),
    path("reference/courts/", reference.CourtList.as_view(), name="api_courts"),
    path("reference/statutes/", reference.StatuteList.as_view(), name="api_statutes"),
    path("reference/terms/", reference.TermList.as_view(), name="api_terms"),
    path("schema/", SchemaView.as_view(), name="api_schema"),
]
