from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "htms.intelligence"
    label = "intelligence"
    verbose_name = "Agents register and red and black books"
