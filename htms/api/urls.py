"""The HTMS REST API, mounted at /api/. The schema is served to logged-in users only."""

from django.urls import URLPattern, URLResolver, path

from htms.api.schema import SchemaView
from htms.api.views import (
    auth,
    cases,
    documents,
    helpline,
    identity,
    intake,
    intelligence,
    ledger,
    lifecycle,
    network,
    network_records,
    parties,
    persons,
    protection,
    protection_care,
    protection_returns,
    reference,
    stats,
    users,
)
from htms.api.views import intake_leads as leads
from htms.api.views import intake_processing as processing
from htms.api.views import intake_rows as rows
from htms.statistics.figures import CountingUnit

EVENT = "intake/events/<str:event_id>/"
MANIFEST = "intake/manifests/<str:manifest_id>/"
ROW = "intake/rows/<str:row_id>/"
LEDGER = "statistics/ledger/<str:batch_id>/"
RETURN = "protection/returns/<str:return_id>/"
CARE = "protection/referrals/<str:referral_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "protection/organisations/",
        protection.OrganisationCollectionView.as_view(),
        name="api_protection_organisations",
    ),
    path(
        "protection/referrals/",
        protection.ReferralCollectionView.as_view(),
        name="api_protection_referrals",
    ),
    path(
        "protection/referrals/<str:referral_id>/",
        protection.ReferralDetailView.as_view(),
        name="api_protection_referral",
    ),
    path(
        "protection/referrals/<str:referral_id>/state/",
        protection.ReferralStateView.as_view(),
        name="api_protection_referral_state",
    ),
    path(
        "protection/shelters/",
        protection_care.ShelterOccupancyView.as_view(),
        name="api_protection_shelters",
    ),
    path(CARE + "care/", protection_care.ReferralCareView.as_view(), name="api_protection_care"),
    *(
        path(CARE + tail, view.as_view(), name=f"api_protection_care_{name}")
        for tail, name, view in (
            ("plans/", "plans", protection_care.ReferralPlansView),
            ("plans/<str:plan_id>/end/", "plan_end", protection_care.ReferralPlanEndView),
            ("follow-ups/", "follow_ups", protection_care.ReferralFollowUpsView),
            (
                "follow-ups/<str:follow_up_id>/done/",
                "follow_up_done",
                protection_care.ReferralFollowUpDoneView,
            ),
            ("risks/", "risks", protection_care.ReferralRisksView),
            ("notes/", "notes", protection_care.ReferralNotesView),
            ("court/", "court", protection_care.ReferralCourtView),
            ("stay/", "admit", protection_care.ReferralAdmitView),
            ("stay/discharge/", "discharge", protection_care.ReferralDischargeView),
        )
    ),
    path(
        "protection/referrals/<str:referral_id>/return/",
        protection_returns.ReferralReturnView.as_view(),
        name="api_protection_referral_return",
    ),
    path(
        RETURN,
        protection_returns.ReturnDetailView.as_view(),
        name="api_protection_return",
    ),
    *(
        path(RETURN + f"{tail}/", view.as_view(), name=f"api_protection_return_{tail}")
        for tail, view in (
            ("steps", protection_returns.ReturnStepView),
            ("travel", protection_returns.ReturnTravelView),
            ("closure", protection_returns.ReturnClosureView),
            ("tracing", protection_returns.ReturnTracingView),
            ("plan", protection_returns.ReturnPlanView),
        )
    ),
    path(
        "protection/return-follow-ups/<str:follow_up_id>/done/",
        protection_returns.ReturnFollowUpDoneView.as_view(),
        name="api_protection_return_follow_up_done",
    ),
    path("auth/token/", auth.TokenView.as_view(), name="api_token"),
    path("auth/tokens/", auth.TokenCollectionView.as_view(), name="api_tokens"),
    path("auth/tokens/<str:token_id>/", auth.TokenDetailView.as_view(), name="api_token_revoke"),
    path("cases/", cases.CaseCollectionView.as_view(), name="api_cases"),
    path(
        "network/persons/<str:person_id>/",
        network.PersonNetworkView.as_view(),
        name="api_network_person",
    ),
    path(
        "network/cases/<str:case_id>/", network.CaseNetworkView.as_view(), name="api_network_case"
    ),
    path("network/path/", network.NetworkPathView.as_view(), name="api_network_path"),
    path(
        "network/payments/",
        network_records.PaymentCollectionView.as_view(),
        name="api_network_payments",
    ),
    path(
        "network/payments/<str:payment_id>/",
        network_records.PaymentDetailView.as_view(),
        name="api_network_payment",
    ),
    path(
        "network/payments/<str:payment_id>/remove/",
        network_records.PaymentRemoveView.as_view(),
        name="api_network_payment_remove",
    ),
    path(
        "network/calls/import/",
        network_records.CallRecordsImportView.as_view(),
        name="api_network_calls_import",
    ),
    path("cases/<str:case_id>/", cases.CaseDetailView.as_view(), name="api_case"),
    path("cases/<str:case_id>/stage/", cases.CaseStageView.as_view(), name="api_case_stage"),
    path(
        "cases/<str:case_id>/hearings/", cases.CaseHearingsView.as_view(), name="api_case_hearings"
    ),
    path(
        "cases/<str:case_id>/parties/", parties.CasePartiesView.as_view(), name="api_case_parties"
    ),
    path(
        "cases/<str:case_id>/parties/<str:party_id>/",
        parties.CasePartyView.as_view(),
        name="api_case_party",
    ),
    path(
        "cases/<str:case_id>/documents/",
        documents.CaseDocumentsView.as_view(),
        name="api_case_documents",
    ),
    path(
        "cases/<str:case_id>/documents/<str:document_id>/file/",
        documents.CaseDocumentFileView.as_view(),
        name="api_case_document_file",
    ),
    path(
        "cases/<str:case_id>/timeline/",
        documents.CaseTimelineView.as_view(),
        name="api_case_timeline",
    ),
    path(
        "cases/<str:case_id>/judgment/",
        lifecycle.CaseJudgmentView.as_view(),
        name="api_case_judgment",
    ),
    path(
        "cases/<str:case_id>/offences/<str:offence_id>/",
        lifecycle.CaseOffenceView.as_view(),
        name="api_case_offence",
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
    path("intelligence/agents/", intelligence.AgentCollectionView.as_view(), name="api_agents"),
    path(
        "intelligence/agents/<str:person_id>/",
        intelligence.AgentDetailView.as_view(),
        name="api_agent",
    ),
    path(
        "intelligence/agents/<str:person_id>/facts/",
        intelligence.AgentFactsView.as_view(),
        name="api_agent_facts",
    ),
    path(
        "intelligence/agents/<str:person_id>/red-book/",
        intelligence.AgentNominationView.as_view(),
        name="api_agent_nominate",
    ),
    path("intelligence/red-book/", intelligence.RedBookView.as_view(), name="api_red_book"),
    path(
        "intelligence/red-book/<str:entry_id>/decision/",
        intelligence.RedBookDecisionView.as_view(),
        name="api_red_book_decision",
    ),
    path("persons/", persons.PersonCollectionView.as_view(), name="api_persons"),
    path("persons/candidates/", identity.CandidatesView.as_view(), name="api_candidates"),
    path("persons/<str:person_id>/", persons.PersonDetailView.as_view(), name="api_person"),
    path("stats/case-counts/", stats.CaseCountsView.as_view(), name="api_case_counts"),
    path("stats/funnel/", stats.FunnelView.as_view(), name="api_stats_funnel"),
    path("stats/durations/", stats.DurationsView.as_view(), name="api_stats_durations"),
    *(
        path(f"stats/{unit}/", stats.FigureView.as_view(unit=unit), name=f"api_stats_{unit}")
        for unit in CountingUnit.values
    ),
    path("reference/provinces/", reference.ProvinceList.as_view(), name="api_provinces"),
    path("reference/districts/", reference.DistrictList.as_view(), name="api_districts"),
    path("reference/countries/", reference.CountryList.as_view(), name="api_countries"),
    path("reference/units/", reference.UnitList.as_view(), name="api_units"),
    path("reference/courts/", reference.CourtList.as_view(), name="api_courts"),
    path("reference/statutes/", reference.StatuteList.as_view(), name="api_statutes"),
    path("reference/terms/", reference.TermList.as_view(), name="api_terms"),
    path("intake/events/", intake.BorderEventCollectionView.as_view(), name="api_intake_events"),
    path("helpline/calls/", helpline.CallCollectionView.as_view(), name="api_helpline_calls"),
    path(
        "helpline/calls/<str:call_id>/",
        helpline.CallDetailView.as_view(),
        name="api_helpline_call",
    ),
    path("helpline/leads/", helpline.LeadCollectionView.as_view(), name="api_helpline_leads"),
    path(EVENT + "screening/", intake.ScreeningView.as_view(), name="api_intake_screening"),
    path(EVENT + "status/", processing.EventStatusView.as_view(), name="api_intake_status"),
    path(EVENT + "referrals/", processing.EventReferralsView.as_view(), name="api_referrals"),
    path(EVENT + "leads/", leads.EventLeadsView.as_view(), name="api_intake_leads"),
    path(EVENT + "leads/agents/", leads.AgentsView.as_view(), name="api_lead_agents"),
    path(EVENT + "leads/agents/<str:lead_id>/", leads.AgentView.as_view(), name="api_lead_agent"),
    path(EVENT + "leads/payments/", leads.PaymentsView.as_view(), name="api_lead_payments"),
    path(
        EVENT + "leads/payments/<str:lead_id>/",
        leads.PaymentView.as_view(),
        name="api_lead_payment",
    ),
    path(EVENT + "leads/legs/", leads.LegsView.as_view(), name="api_lead_legs"),
    path(EVENT + "leads/legs/<str:lead_id>/", leads.LegView.as_view(), name="api_lead_leg"),
    path("intake/manifests/", intake.ManifestCollectionView.as_view(), name="api_manifests"),
    path(MANIFEST, intake.ManifestDetailView.as_view(), name="api_manifest"),
    path(MANIFEST + "mapping/", intake.ManifestMappingView.as_view(), name="api_manifest_mapping"),
    path(MANIFEST + "import/", intake.ManifestImportView.as_view(), name="api_manifest_import"),
    path(MANIFEST + "rows/", intake.ManifestRowsView.as_view(), name="api_manifest_rows"),
    path(ROW, rows.RowDetailView.as_view(), name="api_intake_row"),
    path("statistics/ledger/", ledger.LedgerCollectionView.as_view(), name="api_ledger"),
    path(LEDGER, ledger.LedgerDetailView.as_view(), name="api_ledger_batch"),
    path(LEDGER + "rows/<str:number>/", ledger.LedgerRowView.as_view(), name="api_ledger_row"),
    path(ROW + "correct/", rows.RowCorrectionView.as_view(), name="api_row_correct"),
    path(ROW + "person/", rows.RowPersonView.as_view(), name="api_row_person"),
    path(ROW + "set-aside/", rows.RowSetAsideView.as_view(), name="api_row_set_aside"),
    path("users/", users.AccountCollectionView.as_view(), name="api_users"),
    path("users/<str:user_id>/", users.AccountDetailView.as_view(), name="api_user"),
    path("users/<str:user_id>/actions/", users.AccountActionView.as_view(), name="api_user_action"),
    path("schema/", SchemaView.as_view(), name="api_schema"),
]
