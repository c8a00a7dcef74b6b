"""Evaluation measures on hand-made examples whose values are worked out by hand."""

import pytest

from htms.resolution.metrics import score

# Truth: persons A (records 0-2), B (3-4), C (5). Prediction: {0,1}, {2,3,4}, {5}.
TRUTH = ["A", "A", "A", "B", "B", "C"]
PREDICTED = ["x", "x", "y", "y", "y", "z"]


def test_it_counts_pairs_within_clusters() -> None:
    """True pairs: 01 02 12 34 (4). Predicted: 01 23 24 34 (4). Correct: 01 34 (2)."""
    scores = score(PREDICTED, TRUTH)
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (4, 4, 2)
    assert scores.pairwise_precision == pytest.approx(0.5)
    assert scores.pairwise_recall == pytest.approx(0.5)
    assert scores.pairwise_f1 == pytest.approx(0.5)


def test_it_measures_cluster_purity_and_completeness() -> None:
    """{0,1} is pure, {2,3,4} is not; B is found whole (inside {2,3,4}), A is split; no true
    cluster is predicted exactly."""
    scores = score(PREDICTED, TRUTH)
    assert scores.cluster_precision == pytest.approx(0.5)
    assert scores.cluster_recall == pytest.approx(0.5)
    assert scores.exact_clusters == pytest.approx(0.0)


def test_it_gives_blocking_recall_from_the_true_pairs_blocked() -> None:
    assert score(PREDICTED, TRUTH, blocked_true_pairs=3).blocking_recall == pytest.approx(0.75)
    assert score(PREDICTED, TRUTH).blocking_recall is None


def test_it_scores_a_perfect_prediction_one() -> None:
    scores = score(["p", "p", "p", "q", "q", "r"], TRUTH)
    assert scores.pairwise_f1 == 1.0
    assert scores.cluster_precision == scores.cluster_recall == scores.exact_clusters == 1.0


def test_it_counts_an_empty_truth_label_as_a_person_of_its_own() -> None:
    """Two unlabelled records predicted together are a wrong pair, not a right one."""
    scores = score(["p", "p", "q"], ["", "", "B"])
    assert scores.true_pairs == 0
    assert scores.predicted_pairs == 1
    assert scores.pairwise_precision == 0.0
