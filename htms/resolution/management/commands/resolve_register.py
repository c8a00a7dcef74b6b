"""``htms resolve_register``: batch resolution of the whole person register."""

from typing import Any

from django.core.management.base import BaseCommand

from htms.resolution.runs import register_resolve


class Command(BaseCommand):
    help = (
        "Resolves every person of the register: stores the pairs found (linked automatically "
        "or waiting for review) and the clusters, keeping every supervisor's decision."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = register_resolve(log=lambda message: self.stdout.write(message))
        self.stdout.write(f"run {run.pk}: {run.counts}")
