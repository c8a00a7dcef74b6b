from django.urls import URLPattern, URLResolver, path

from htms.intake.views import counts, events, manifests, rows, screening

EVENT = "people/<int:event_id>/"
MANIFEST = "manifests/<int:manifest_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", manifests.intake_home, name="intake_home"),
    path("sources/new/", manifests.source_new, name="intake_source_new"),
    path("manifests/upload/", manifests.manifest_upload_view, name="intake_upload"),
    path(MANIFEST, manifests.manifest_page, name="intake_manifest"),
    path(MANIFEST + "mapping/", manifests.manifest_mapping_view, name="intake_mapping"),
    path(MANIFEST + "import/", manifests.manifest_import_view, name="intake_import"),
    path(MANIFEST + "progress/", manifests.manifest_progress_view, name="intake_progress"),
    path(MANIFEST + "corrections/", manifests.corrections_page, name="intake_corrections"),
    path(MANIFEST + "corrections.csv", manifests.corrections_csv, name="intake_corrections_csv"),
    path("rows/<int:row_id>/", rows.row_page, name="intake_row"),
    path("people/", events.queue_page, name="intake_queue"),
    path("people/next/", events.take_next, name="intake_take_next"),
    path("people/new/", events.entry_new, name="intake_entry_new"),
    path(EVENT, events.event_page, name="intake_event"),
    path(EVENT + "status/", events.event_status, name="intake_event_status"),
    path(EVENT + "nationality/", events.event_doubt, name="intake_event_doubt"),
    path(EVENT + "identity/", events.event_identity, name="intake_event_identity"),
    path(EVENT + "case/", events.event_case, name="intake_event_case"),
    path(EVENT + "screening/", screening.screening_page, name="intake_screening"),
    path(EVENT + "referral/", screening.referral_add, name="intake_referral"),
    path(EVENT + "agents/", screening.agent_add, name="intake_agent_add"),
    path(EVENT + "payments/", screening.payment_add, name="intake_payment_add"),
    path(EVENT + "legs/", screening.leg_add, name="intake_leg_add"),
    path("counts/", counts.counts_page, name="intake_counts"),
    path("counts.csv", counts.counts_export, name="intake_counts_csv"),
]
