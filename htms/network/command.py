"""The ``ftm`` and ``i2`` subcommands of ``htms export`` (``htms/statistics/management``)."""

from argparse import _SubParsersAction
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from htms.accounts.models import User
from htms.common.errors import NotAllowedError
from htms.network.export import FTM, I2, network_export
from htms.network.graph import MAX_DEPTH

NETWORK_EXPORTS = (FTM, I2)


def network_export_parsers(standards: "_SubParsersAction[Any]") -> None:
    texts = {
        FTM: "a network as FollowTheMoney entities, one JSON object a line",
        I2: "a network as one CSV row per link, for i2 Analyst's Notebook",
    }
    for name, text in texts.items():
        sub = standards.add_parser(name, help=text)
        sub.add_argument("--output", required=True, help="the file to write")
        sub.add_argument("--user", required=True, help="the acting user's username")
        sub.add_argument("--purpose", required=True, help="why the data leaves HTMS")
        sub.add_argument("--case", type=int, default=None, help="the network of this case")
        sub.add_argument("--person", type=int, default=None, help="the network of this person")
        sub.add_argument("--depth", type=int, default=2, choices=range(1, MAX_DEPTH + 1),
                         help="links away from the case or person, 1 to 4")  # fmt: skip


def network_export_command(user: User, output: Path, options: dict[str, Any]) -> str:
    """Runs the export; the line to print. Neither root: everything the user may see."""
    try:
        done = network_export(
            actor=user, kind=options["standard"], output=output, purpose=options["purpose"],
            case_id=options.get("case"), person_id=options.get("person"),
            depth=options.get("depth") or 2,
        )  # fmt: skip
    except NotAllowedError as exc:
        raise CommandError(str(exc)) from exc
    except ValidationError as exc:
        raise CommandError(" ".join(exc.messages)) from exc
    return f"{done.entities} records written to {output} ({done.links} links)."
