from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "htms.protection"
    verbose_name = "Victim protection"
