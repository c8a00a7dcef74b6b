"""``htms network_components --output FILE.csv --user NAME --purpose TEXT``: the networks of
the whole register (connected components on Spark, ``htms/network/components.py``)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from htms.common.errors import NotAllowedError
from htms.network.components import network_components_export
from htms.network.spark import graph_session
from htms.statistics.management.arguments import acting_user, output_file


class Command(BaseCommand):
    help = (
        "Writes every person of the register with the network they belong to (connected "
        "components of every link, on Spark): person id, network, persons and nodes in it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="the CSV file to write")
        parser.add_argument("--user", required=True, help="the acting user's username")
        parser.add_argument("--purpose", required=True, help="why the data leaves HTMS")
        parser.add_argument("--master", default="local[2]", help="Spark master (a cluster's)")
        parser.add_argument("--memory", default="2g", help="Spark driver memory")
        parser.add_argument(
            "--staging", default=None, help="folder the links pass through (a shared one)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, output = acting_user(options["user"]), output_file(options["output"])
        staging = Path(options["staging"]) if options["staging"] else None
        if staging is not None and not staging.is_dir():
            raise CommandError(f"No folder {str(staging)!r} to stage the links in.")
        sessions: list[Any] = []

        def spark() -> Any:
            sessions.append(graph_session(master=options["master"], memory=options["memory"]))
            return sessions[-1]

        try:
            done = network_components_export(
                actor=user,
                output=output,
                purpose=options["purpose"],
                staging=staging,
                spark=spark,
            )
        except NotAllowedError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        finally:
            for session in sessions:
                session.stop()
        self.stdout.write(
            f"{done.persons} persons in {done.networks} networks written to {output} "
            f"(largest {done.largest} persons; {done.links} links read)."
        )
