"""Clustering: strongest pairs first, never across a CNIC conflict, a victim/accused line, a
supervisor's "not the same", or a lone weak bridge between two clusters."""

from htms.resolution.clustering import Edge, cluster, cnic_distance

CNIC = "3520212345671"
TYPO = "3520212345681"
OTHER = "3520299999991"


def test_it_joins_the_records_of_strong_pairs() -> None:
    labels = cluster(3, [Edge(0, 1, 0.999), Edge(1, 2, 0.998)])
    assert labels.tolist() == [0, 0, 0]


def test_it_never_joins_two_different_cnics() -> None:
    labels = cluster(2, [Edge(0, 1, 0.9999999)], cnics=[CNIC, OTHER])
    assert labels.tolist() == [0, 1]


def test_it_joins_a_cnic_with_one_wrong_digit() -> None:
    assert cnic_distance(CNIC, TYPO) == 1
    assert cnic_distance(CNIC, CNIC[:3] + CNIC[4] + CNIC[3] + CNIC[5:]) == 1
    assert cluster(2, [Edge(0, 1, 0.999)], cnics=[CNIC, TYPO]).tolist() == [0, 0]


def test_it_never_joins_a_victim_to_an_accused_without_a_decision() -> None:
    """Not even through a third record linked to both."""
    edges = [Edge(0, 2, 0.9999), Edge(1, 2, 0.9998)]
    labels = cluster(3, edges, protected={0}, accused={1})
    assert labels[0] != labels[1]
    decided = cluster(3, edges, protected={0}, accused={1}, together=[(0, 1)])
    assert decided.tolist() == [0, 0, 0]


def test_it_keeps_apart_records_a_supervisor_said_differ() -> None:
    labels = cluster(3, [Edge(0, 1, 0.999), Edge(1, 2, 0.998)], apart=[(0, 2)])
    assert labels.tolist() == [0, 0, 2]


def test_it_needs_two_pairs_to_join_two_clusters() -> None:
    """{0,1} and {2,3}: one pair 1-2 does not join them; a second pair 0-3 does."""
    inside = [Edge(0, 1, 0.9999), Edge(2, 3, 0.9999)]
    assert cluster(4, [*inside, Edge(1, 2, 0.999)]).tolist() == [0, 0, 2, 2]
    assert cluster(4, [*inside, Edge(1, 2, 0.999), Edge(0, 3, 0.998)]).tolist() == [0, 0, 0, 0]


def test_it_lets_one_very_strong_pair_join_two_clusters() -> None:
    inside = [Edge(0, 1, 0.9999), Edge(2, 3, 0.9999)]
    assert cluster(4, [*inside, Edge(1, 2, 0.999999)]).tolist() == [0, 0, 0, 0]


def test_it_takes_a_missing_cnic_of_any_kind_as_not_known() -> None:
    """A pandas column gives None or NaN for a missing CNIC; neither is a CNIC."""
    cnics: list[object] = [CNIC, float("nan"), None]
    labels = cluster(3, [Edge(0, 1, 0.999), Edge(1, 2, 0.998)], cnics=cnics)  # type: ignore[arg-type]
    assert labels.tolist() == [0, 0, 0]
