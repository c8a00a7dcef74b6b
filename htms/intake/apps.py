from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "htms.intake"
    verbose_name = "Border intake"
