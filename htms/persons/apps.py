from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "htms.persons"
    verbose_name = "Register of persons"
