"""Who is asking, from where: set once per request, read by the audit writer."""

from contextvars import ContextVar

client_address: ContextVar[str | None] = ContextVar("client_address", default=None)
