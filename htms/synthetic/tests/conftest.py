"""Fixtures for the synthetic data tests: the catalogue of the test database, and a helper
that counts cases by crime type the way the national statistics do."""

from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from htms.synthetic.load import catalogue_from_db
from htms.synthetic.records import Catalogue, SyntheticData


@pytest.fixture
def catalogue(db: None) -> Catalogue:
    return catalogue_from_db()


@pytest.fixture
def today() -> date:
    return timezone.localdate()


def expected_counts_by_crime_type(data: SyntheticData, catalogue: Catalogue) -> Counter[str]:
    """Cases per crime type: a case counts once under each crime type among its offences."""
    counts: Counter[str] = Counter()
    for case in data.cases:
        counts.update({catalogue.crime_types[code] for code in case.statute_codes})
    return counts
