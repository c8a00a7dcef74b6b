from django.urls import path

from htms.resolution import views

app_name = "resolution"

urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/<int:link_id>/", views.pair, name="pair"),
    path("persons/<int:person_id>/", views.merged, name="merged"),
]
