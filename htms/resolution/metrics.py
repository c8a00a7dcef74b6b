"""How good a resolution is, against a ground truth.

Definitions (``docs/identity-resolution.md`` repeats them):

- **Pairwise** precision, recall and F1 count pairs of records: a pair is predicted when both
  records are in one predicted cluster, true when both carry one truth label. Precision is
  true predicted pairs over predicted pairs; recall is true predicted pairs over true pairs.
- **Cluster precision**: of the predicted clusters with two or more records, the share that are
  *pure* (every record has one truth label). **Cluster recall**: of the true clusters with two
  or more records, the share found *whole* (every record in one predicted cluster).
  **Exact clusters**: the share of true multi-record clusters predicted exactly.
- **Blocking recall**: the share of true pairs among the candidate pairs the blocking rules
  generated, i.e. the best pairwise recall any threshold could reach.

A record with an empty truth label is a person of its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd  # type: ignore[import-untyped, unused-ignore]


@dataclass(frozen=True)
class Scores:
    records: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    cluster_precision: float
    cluster_recall: float
    exact_clusters: float
    blocking_recall: float | None = None

    def as_rows(self) -> list[tuple[str, str]]:
        rows = [
            ("records", f"{self.records}"),
            ("true pairs", f"{self.true_pairs}"),
            ("predicted pairs", f"{self.predicted_pairs}"),
            ("pairwise precision", f"{self.pairwise_precision:.4f}"),
            ("pairwise recall", f"{self.pairwise_recall:.4f}"),
            ("pairwise F1", f"{self.pairwise_f1:.4f}"),
            ("cluster precision", f"{self.cluster_precision:.4f}"),
            ("cluster recall", f"{self.cluster_recall:.4f}"),
            ("exact clusters", f"{self.exact_clusters:.4f}"),
        ]
        if self.blocking_recall is not None:
            rows.append(("blocking recall", f"{self.blocking_recall:.4f}"))
        return rows


def _pairs(sizes: pd.Series) -> int:
    return int((sizes * (sizes - 1) // 2).sum())


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def truth_labels(truth: Sequence[object]) -> pd.Series:
    """Truth labels with every empty one made unique."""
    labels = pd.Series(truth, dtype=object).fillna("").astype(str).reset_index(drop=True)
    empty = labels.str.strip() == ""
    labels[empty] = [f"(no truth label, row {i})" for i in labels.index[empty]]
    return labels


def score(
    predicted: Sequence[object], truth: Sequence[object], *, blocked_true_pairs: int | None = None
) -> Scores:
    """Scores of predicted cluster labels against truth labels, position by position."""
    frame = pd.DataFrame(
        {"p": pd.Series(predicted, dtype=object).astype(str).to_numpy(), "t": truth_labels(truth)}
    )
    true_pairs = _pairs(frame.groupby("t").size())
    predicted_pairs = _pairs(frame.groupby("p").size())
    correct = _pairs(frame.groupby(["p", "t"]).size())
    precision = _ratio(correct, predicted_pairs)
    recall = _ratio(correct, true_pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_p = frame.groupby("p").agg(n=("t", "size"), labels=("t", "nunique"))
    by_t = frame.groupby("t").agg(n=("p", "size"), clusters=("p", "nunique"), p=("p", "first"))
    multi_p, multi_t = by_p[by_p.n > 1], by_t[by_t.n > 1]
    pure = int((multi_p.labels == 1).sum())
    whole = multi_t[multi_t.clusters == 1]
    exact = int((by_p.n.reindex(whole.p).to_numpy() == whole.n.to_numpy()).sum())
    return Scores(
        records=len(frame),
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=f1,
        cluster_precision=_ratio(pure, len(multi_p)),
        cluster_recall=_ratio(len(whole), len(multi_t)),
        exact_clusters=_ratio(exact, len(multi_t)),
        blocking_recall=None
        if blocked_true_pairs is None
        else _ratio(blocked_true_pairs, true_pairs),
    )
