from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "htms.audit"
    verbose_name = "Audit log"
