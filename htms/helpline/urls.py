from django.urls import URLPattern, URLResolver, path

from htms.helpline import views

app_name = "helpline"
CALL = "calls/<int:call_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.call_log, name="calls"),
    path("triage/", views.triage, name="triage"),
    path("calls/new/", views.call_new, name="call_new"),
    path("calls/import/", views.import_page, name="import"),
    path(CALL, views.call_page, name="call"),
    path(CALL + "hand/", views.call_hand, name="call_hand"),
    path(CALL + "close/", views.call_close, name="call_close"),
    path(CALL + "acknowledge/", views.call_acknowledge, name="call_acknowledge"),
    path(CALL + "register/", views.call_register, name="call_register"),
    path(CALL + "callbacks/", views.callback_add, name="callback_add"),
    path(CALL + "callbacks/<int:callback_id>/done/", views.callback_done, name="callback_done"),
    path(CALL + "leads/", views.lead_add, name="lead_add"),
    path("leads/", views.lead_page, name="leads"),
]
