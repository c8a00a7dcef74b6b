from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "htms.helpline"
    verbose_name = "Help line"
