from django.urls import include, path

urlpatterns = [
    path("api/", include("htms.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("identity/", include("htms.identity.urls")),
    path("intelligence/", include("htms.intelligence.urls")),
    path("intake/", include("htms.intake.urls")),
    path("helpline/", include("htms.helpline.urls")),
    path("protection/", include("htms.protection.urls")),
    path("resolution/", include("htms.resolution.urls")),
    path("network/", include("htms.network.urls")),
    path("public/", include("htms.public.urls")),
    path("portal/", include("htms.public.manage_urls")),
    path("", include("htms.web.urls")),
]

handler500 = "htms.web.views.errors.server_error"
