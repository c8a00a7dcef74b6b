"""The portal's management pages on the officer site, under /portal/."""

from django.urls import path

from htms.public.views import manage

app_name = "portal"

urlpatterns = [
    path("", manage.portal, name="home"),
    path("promoters/", manage.promoters_upload, name="promoters_upload"),
    path("notices/", manage.notice_new, name="notice_new"),
    path(
        "notices/<int:notice_id>/<str:decision>/",
        manage.notice_decide,
        name="notice_decide",
    ),
    path(
        "notices/from/<str:source>/<int:source_id>/",
        manage.notice_from_book,
        name="notice_from_book",
    ),
    path("awareness/<slug:slug>/<str:lang>/", manage.awareness_edit, name="awareness_edit"),
]
