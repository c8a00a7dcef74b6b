"""The ``htms`` command: ``htms generate``, ``htms verify``, ``htms load_reference`` and every
other management command, without having to find manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "htms.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["htms", *sys.argv[1:]])
