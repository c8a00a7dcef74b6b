from django.urls import path

from htms.web import pdf
from htms.web.views import (
    account,
    approvals,
    auth,
    case_edit,
    case_page,
    cases,
    court,
    dashboard,
    documents,
    home,
    ledger,
    persons,
    stage,
    statistics,
    statistics_reports,
    users,
    wizard,
)

CASE = "cases/<int:case_id>/"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("login/code/", auth.login_code, name="login_code"),
    path("login/enrol/", auth.login_enrol, name="login_enrol"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("account/", account.account, name="account"),
    path("account/password/", account.password_change_page, name="password_change"),
    path("account/recovery-codes/", account.recovery_codes_new, name="recovery_codes_new"),
    path("account/tokens/", account.tokens_all, name="tokens_all"),
    path("account/tokens/<int:token_id>/revoke/", account.token_revoke, name="token_revoke"),
    path("users/", users.user_list, name="user_list"),
    path("users/<int:user_id>/", users.user_reset, name="user_reset"),
    path("users/new/", users.user_new, name="user_new"),
    path("users/<int:user_id>/change/", users.user_change, name="user_change"),
    path("users/<int:user_id>/<slug:action>/", users.user_action, name="user_action"),
    path("", home.home, name="home"),
    path("cases/", cases.case_list_page, name="case_list"),
    path("cases/saved/", cases.saved_search_add, name="saved_search_add"),
    path(
        "cases/saved/<int:search_id>/delete/", cases.saved_search_remove, name="saved_search_delete"
    ),
    path("cases/new/", wizard.wizard_start, name="wizard_start"),
    path("cases/new/discard/", wizard.wizard_discard, name="wizard_discard"),
    path("cases/new/<slug:step>/", wizard.wizard_step, name="wizard_step"),
    path(CASE, case_page.case_page, name="case_detail"),
    path(CASE + "summary.pdf", pdf.case_summary, name="case_summary_pdf"),
    path(CASE + "edit/", case_edit.case_edit, name="case_edit"),
    path(CASE + "stage/<slug:to_stage>/", stage.case_stage, name="case_stage"),
    path(CASE + "hearings/new/", court.hearing_add, name="hearing_add"),
    path(CASE + "judgment/", court.judgment_add, name="judgment_add"),
    path(CASE + "offences/<int:offence_id>/", case_edit.offence_edit, name="offence_edit"),
    path(CASE + "parties/new/", case_edit.party_add, name="party_add"),
    path(CASE + "parties/<int:party_id>/status/", case_edit.accused_status, name="accused_status"),
    path(CASE + "documents/new/", documents.document_add, name="document_add"),
    path(CASE + "documents/<int:document_id>/file/", documents.document_file, name="document_file"),
    path("approvals/", approvals.approval_queue, name="approvals"),
    path("approvals/<int:change_id>/", approvals.approval_decide, name="approval_decide"),
    path("persons/", persons.person_search_page, name="person_search"),
    path("persons/<int:person_id>/", persons.person_page, name="person_detail"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("statistics/dashboard/", dashboard.statistics_dashboard, name="statistics_dashboard"),
    path("statistics/report/annual/", dashboard.annual_report, name="annual_report"),
    path(
        "statistics/report/quarterly/",
        statistics_reports.quarterly_report,
        name="quarterly_report",
    ),
    path("statistics/report/nap/", statistics_reports.nap_report, name="nap_report"),
    path("statistics/ledger/", ledger.ledger_import_page, name="ledger_import"),
    path(
        "statistics/ledger/batches/<int:batch_id>/", ledger.ledger_batch_page, name="ledger_batch"
    ),
    path(
        "statistics/ledger/batches/<int:batch_id>/rows/<int:number>/",
        ledger.ledger_row_page,
        name="ledger_row",
    ),
]
