"""The pipeline on a small labelled register: trained on the data itself, deterministic, and
never linking what the rules forbid."""

import numpy as np
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import pytest

from htms.resolution.features import INPUT_COLUMNS
from htms.resolution.metrics import score
from htms.resolution.noise import noisy_register
from htms.resolution.pipeline import LINK, REVIEW, Constraints, Resolution, resolve

RECORDS = 2500


@pytest.fixture(scope="module")
def labelled() -> pd.DataFrame:
    return noisy_register(records=RECORDS, seed=11)


@pytest.fixture(scope="module")
def resolved(labelled: pd.DataFrame) -> Resolution:
    return resolve(labelled.drop(columns=["true_id"]), truth=labelled["true_id"])


def test_it_finds_the_records_of_one_person(labelled: pd.DataFrame, resolved: Resolution) -> None:
    scores = score(
        resolved.labels, labelled["true_id"], blocked_true_pairs=resolved.blocked_true_pairs
    )
    assert scores.pairwise_precision >= 0.99
    assert scores.pairwise_recall >= 0.93
    assert scores.cluster_precision >= 0.99
    assert scores.blocking_recall is not None and scores.blocking_recall >= 0.97


def test_it_learns_its_parameters_from_the_data(resolved: Resolution) -> None:
    assert set(resolved.timings) >= {"features", "training", "blocking", "scoring", "clustering"}
    prior = resolved.parameters["probability_two_random_records_match"]
    assert 1e-5 < prior < 1e-2


def test_it_explains_every_pair(resolved: Resolution) -> None:
    gammas = [c for c in resolved.pairs.columns if c.startswith("gamma_")]
    assert {g[6:] for g in gammas} == set(resolved.level_labels)
    assert resolved.level_labels["cnic"][resolved.pairs["gamma_cnic"].max()] == "same CNIC"
    assert set(resolved.pairs["decision"]) <= {LINK, REVIEW}


def test_it_gives_the_same_answer_every_time(labelled: pd.DataFrame, resolved: Resolution) -> None:
    again = resolve(labelled.drop(columns=["true_id"]))
    assert np.array_equal(again.labels, resolved.labels)
    assert again.pairs["decision"].tolist() == resolved.pairs["decision"].tolist()


def _twins() -> pd.DataFrame:
    """Two entries of one man, identical, and a third entry of someone else."""
    person = ["Imran Butt", "Ghulam Rasool", "1984-03-12", "M", "35202-1234567-1", "", "", "PK", ""]
    other = ["Sajida Bibi", "Akram", "2001-01-01", "F", "", "", "", "PK", ""]
    rows = [["1", *person], ["2", *person], ["3", *other]]
    return pd.DataFrame(rows, columns=list(INPUT_COLUMNS))


def test_it_never_links_a_victim_to_an_accused_without_review() -> None:
    free = resolve(_twins())
    assert free.pairs["decision"].tolist() == [LINK]
    guarded = resolve(
        _twins(), constraints=Constraints(protected=frozenset({0}), accused=frozenset({1}))
    )
    assert guarded.pairs["decision"].tolist() == [REVIEW]
    assert guarded.labels[0] != guarded.labels[1]


def test_it_applies_supervisors_decisions() -> None:
    apart = resolve(_twins(), constraints=Constraints(apart=((0, 1),)))
    assert apart.labels.tolist() == [0, 1, 2]
    together = resolve(_twins(), constraints=Constraints(together=((0, 2),)))
    assert together.labels.tolist() == [0, 0, 0]


def test_it_resolves_a_single_record_or_none() -> None:
    assert resolve(_twins().head(1)).labels.tolist() == [0]
    assert resolve(_twins().head(0)).labels.tolist() == []
