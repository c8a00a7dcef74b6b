"""Importing historical cases from the FIA circles' ledgers (``docs/statistics.md``)."""
