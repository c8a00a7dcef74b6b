from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "htms.cases"
    verbose_name = "Case Monitoring System"
