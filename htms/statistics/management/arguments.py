"""What the statistics commands check of their arguments before writing anything."""

from pathlib import Path

from django.core.management.base import CommandError

from htms.accounts.models import User


def acting_user(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user {username!r}.")
    return user


def output_file(path: str) -> Path:
    output = Path(path)
    if not output.parent.is_dir():
        raise CommandError(f"No folder {str(output.parent)!r} to write the file in.")
    return output
