from django.urls import URLPattern, URLResolver, path

from htms.identity import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("candidates/", views.candidates, name="identity_candidates"),
]
