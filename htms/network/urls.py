from django.urls import path

from htms.network import entry_views, views

app_name = "network"

urlpatterns = [
    path("", views.home, name="home"),
    path("persons/<int:person_id>/", views.person, name="person"),
    path("cases/<int:case_id>/", views.case, name="case"),
    path("path/", views.path, name="path"),
    path("uses/", views.uses, name="uses"),
    path("data/", views.data, name="data"),
    path("payments/", entry_views.payment_list, name="payments"),
    path("payments/new/", entry_views.payment_new, name="payment_new"),
    path("payments/<int:payment_id>/", entry_views.payment_change, name="payment_change"),
    path("payments/<int:payment_id>/remove/", entry_views.payment_delete, name="payment_remove"),
    path("calls/import/", entry_views.calls_import_page, name="calls_import"),
]
