from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "htms.identity"
    verbose_name = "Identity resolution"
