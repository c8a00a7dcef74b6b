from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "htms.synthetic"
    verbose_name = "Synthetic data"
