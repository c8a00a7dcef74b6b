from htms.intelligence.tests.support import bina, cyra

__all__ = ["bina", "cyra"]
