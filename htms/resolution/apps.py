from django.apps import AppConfig


class ResolutionConfig(AppConfig):
    name = "htms.resolution"
    verbose_name = "Batch identity resolution"
