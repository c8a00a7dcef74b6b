"""The URLconf of the portal's own host (``HTMS_PUBLIC_HOST``): the portal and nothing else,
so that no officer address answers on that host."""

from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("public/", include("htms.public.urls")),
    path("", RedirectView.as_view(url="/public/", permanent=False)),
]

handler404 = "htms.public.views.frame.public_not_found"
handler500 = "htms.public.views.frame.public_server_error"
