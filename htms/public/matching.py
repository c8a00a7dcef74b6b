"""Search keys of the portal's lists, made with the register's normalisation
(``htms/identity/normalize.py``), so that "Mohammad Asif", "Muhammed Asif" and "محمد آصف"
find the same entry.

A name is stored as its consonant skeletons between spaces (" asf mhmd "); a query matches
when each of its skeletons is among them. Pure functions: no database.
"""

from htms.identity.normalize import name_key, phone_key

# A name query of fewer letters than this finds nothing: it would list half the register.
MIN_NAME_CHARS = 3


def name_search_key(text: str) -> str:
    """The stored key of a name: its skeletons, sorted, each between spaces."""
    skeletons = sorted(name_key(text))
    return f" {' '.join(skeletons)} " if skeletons else ""


def query_skeletons(text: str) -> list[str]:
    """The skeletons a name query must all find, or none if the query is too short."""
    if len(text.strip()) < MIN_NAME_CHARS:
        return []
    return sorted(name_key(text))


def phone_search_key(text: str) -> str:
    return phone_key(text) or ""


def licence_key(text: str) -> str:
    """A licence number as printed on licences and in the list: upper case, no spaces."""
    return "".join(text.split()).upper()
