"""Only the API, mounted where htms.urls mounts it: the API's tests do not depend on the
pages' URLs."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [path("api/", include("htms.api.urls"))]
