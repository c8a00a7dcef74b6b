from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "htms.statistics"
    label = "htms_statistics"
    verbose_name = "National statistics: figures, disclosure control, standard exports"
