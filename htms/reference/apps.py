from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "htms.reference"
    verbose_name = "Reference data"
