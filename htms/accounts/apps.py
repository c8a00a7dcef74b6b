from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "htms.accounts"
    verbose_name = "Users and roles"
