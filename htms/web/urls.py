from django.contrib.auth import views as auth_views
from django.urls import path

from htms.web import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("cases/", views.cases, name="case_list"),
    path("cases/<int:case_id>/", views.case_page, name="case_detail"),
    path("persons/<int:person_id>/", views.person_page, name="person_detail"),
    path("statistics/", views.statistics, name="statistics"),
]
