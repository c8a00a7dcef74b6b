"""The public portal, under /public/: no login, no officer data (docs/public-portal.md)."""

from django.urls import path

from htms.public.views import awareness, figures, pages, reports
from htms.public.views.frame import public_root

app_name = "public"

urlpatterns = [
    path("", public_root, name="root"),
    path("<str:lang>/", pages.home, name="home"),
    path("<str:lang>/check/", pages.check, name="check"),
    path("<str:lang>/report/", reports.report, name="report"),
    path("<str:lang>/report/add/", reports.report_more, name="report_add"),
    path("<str:lang>/help/", pages.helplines, name="helplines"),
    path("<str:lang>/notices/<int:notice_id>/photo/", pages.notice_photo, name="notice_photo"),
    path("<str:lang>/learn/", awareness.learn, name="learn"),
    path("<str:lang>/learn/<slug:slug>/", awareness.learn_page, name="learn_page"),
    path("<str:lang>/learn/<slug:slug>/poster/", awareness.poster, name="poster"),
    path("<str:lang>/figures/", figures.statistics, name="statistics"),
    path("<str:lang>/figures.csv", figures.statistics_csv, name="statistics_csv"),
]
