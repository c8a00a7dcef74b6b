"""Date formats for Pakistan, one module per language (``FORMAT_MODULE_PATH``).

Day, month, year with the month as a word ("3 Dec 2026", "3 دسمبر 2026"): unambiguous, where
"12/03/2026" reads as March in Pakistan and as December in the United States. Times on the
24-hour clock. Machine-readable values (form inputs, exports, the API) stay ISO 8601: the first
input format is ISO, so a date field renders its value as ``2026-12-03``.
"""
