from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "htms.public"
    label = "public"
    verbose_name = "Public portal: recruiter check, reports from the public, awareness"
