from django.urls import path

from htms.network import views

app_name = "network"

urlpatterns = [
    path("", views.home, name="home"),
    path("persons/<int:person_id>/", views.person, name="person"),
    path("cases/<int:case_id>/", views.case, name="case"),
    path("path/", views.path, name="path"),
    path("uses/", views.uses, name="uses"),
    path("data/", views.data, name="data"),
]
