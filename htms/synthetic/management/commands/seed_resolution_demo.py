"""``htms seed_resolution_demo``: demo suspects entered a second time, then a batch resolution
run, so that the demo's "Pairs to review" has pairs. Run after ``seed_demo``; run again, it
makes no second copy and runs resolution again."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from htms.accounts.models import User
from htms.resolution.runs import register_resolve
from htms.synthetic.demo import demo_seeded
from htms.synthetic.reentries import reentries_seed


class Command(BaseCommand):
    help = (
        "Enters a few demo suspects a second time with a slip (a CNIC two digits apart, the "
        "sex keyed wrong), then resolves the register: the review queue of demo-incharge and "
        "demo-monitoring gets pairs. Needs seed_demo first."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo_seeded():
            raise CommandError("There are no demo users: run htms seed_demo first.")
        try:
            made = reentries_seed()
        except User.DoesNotExist:
            raise CommandError("There are no demo users: run htms seed_demo first.") from None
        self.stdout.write(f"{made} demo suspects entered a second time.")
        run = register_resolve(log=lambda message: self.stdout.write(message))
        self.stdout.write(f"resolution run {run.pk}: {run.counts['links']}")
