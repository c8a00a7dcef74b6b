"""Every write to a case goes through a function of this package (``case_*``, ``hearing_*``)."""
