"""From scored pairs to clusters, without the chains connected components make at scale.

Pairs are joined strongest first (a union-find), and two clusters are joined only when nothing
forbids it:

- two different full CNICs (more than one digit apart) never share a cluster;
- a cluster holding a victim or smuggled migrant is never joined to one holding an accused
  (only a supervisor's decision can do that);
- a supervisor's "not the same" keeps the two records apart whatever links them;
- two clusters of two or more records are joined only if at least two pairs connect them, or
  the one pair is very strong: one false link then cannot chain two persons' records into one.

A supervisor's "same" is applied before any scored pair. The result is deterministic.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from htms.resolution.keys import cnic_distance

# A single pair may join two clusters of two or more records only above this probability.
BRIDGE_PROBABILITY = 0.99999


@dataclass
class _Group:
    size: int = 1
    cnics: set[str] = field(default_factory=set)
    protected: bool = False
    accused: bool = False


@dataclass(frozen=True)
class Edge:
    left: int
    right: int
    probability: float


class ConstrainedClusters:
    """Union-find over record positions 0..n-1 with the rules above."""

    def __init__(
        self,
        size: int,
        *,
        cnics: Sequence[str | None] | None = None,
        protected: Iterable[int] = (),
        accused: Iterable[int] = (),
        apart: Iterable[tuple[int, int]] = (),
    ) -> None:
        self.parent = np.arange(size, dtype=np.int64)
        # A record's group is made when it is first joined: one per record would weigh
        # hundreds of MiB at 500,000 records.
        self.groups: dict[int, _Group] = {}
        # Not None, nor a NaN from a pandas column.
        self.cnics = [c if isinstance(c, str) and c else None for c in cnics or ()]
        for i in protected:
            self._group(i).protected = True
        for i in accused:
            self._group(i).accused = True
        self.apart: dict[int, set[int]] = {}
        for a, b in apart:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)
        self.members: dict[int, list[int]] = {}

    def _group(self, root: int) -> _Group:
        group = self.groups.get(root)
        if group is None:
            group = self.groups[root] = _Group(cnics=self._cnics(root))
        return group

    def _cnics(self, root: int) -> set[str]:
        group = self.groups.get(root)
        if group is not None:
            return group.cnics
        cnic = self.cnics[root] if root < len(self.cnics) else None
        return {cnic} if cnic else set()

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = int(parent[root])
        while parent[i] != root:
            parent[i], i = root, int(parent[i])
        return root

    def may_join(self, a: int, b: int) -> bool:
        """Whether the clusters with roots ``a`` and ``b`` may be joined without a person."""
        ga, gb = self.groups.get(a), self.groups.get(b)
        if ga and gb and ((ga.protected and gb.accused) or (ga.accused and gb.protected)):
            return False
        if any(cnic_distance(x, y) > 1 for x in self._cnics(a) for y in self._cnics(b)):
            return False
        return not self._kept_apart(a, b)

    def _kept_apart(self, a: int, b: int) -> bool:
        if not self.apart:
            return False
        in_b = set(self.members.get(b, [b]))
        return any(self.apart.get(m, set()) & in_b for m in self.members.get(a, [a]))

    def join(self, a: int, b: int) -> int:
        """Joins two roots, whatever the rules say (a supervisor's decision)."""
        if a == b:
            return a
        ga, gb = self._group(a), self._group(b)
        if ga.size < gb.size:
            a, b, ga, gb = b, a, gb, ga
        self.parent[b] = a
        ga.size += gb.size
        ga.cnics |= gb.cnics
        ga.protected |= gb.protected
        ga.accused |= gb.accused
        del self.groups[b]
        self.members.setdefault(a, [a]).extend(self.members.pop(b, [b]))
        return a

    def offer(self, left: int, right: int, probability: float) -> bool | None:
        """Joins the clusters of a scored pair if the rules allow. True if joined, False if
        refused, None if it needs the support of a second pair (two clusters of two or more
        records joined by one pair that is not very strong)."""
        a, b = self.find(left), self.find(right)
        if a == b or not self.may_join(a, b):
            return False
        if self._size(a) > 1 and self._size(b) > 1 and probability < BRIDGE_PROBABILITY:
            return None
        self.join(a, b)
        return True

    def join_supported(self, edges: list[Edge]) -> None:
        """Joins clusters that two or more distinct pairs connect, until nothing changes."""
        changed = True
        while changed and edges:
            changed = False
            count: dict[tuple[int, int], int] = {}
            for edge in edges:
                a, b = self.find(edge.left), self.find(edge.right)
                if a != b:
                    key = (min(a, b), max(a, b))
                    count[key] = count.get(key, 0) + 1
            for (a, b), n in sorted(count.items()):
                a, b = self.find(a), self.find(b)
                if n >= 2 and a != b and self.may_join(a, b):
                    self.join(a, b)
                    changed = True
            edges = [e for e in edges if self.find(e.left) != self.find(e.right)]

    def _size(self, root: int) -> int:
        group = self.groups.get(root)
        return group.size if group else 1

    def labels(self) -> np.ndarray:
        """For each record, the smallest record position in its cluster."""
        roots = np.array([self.find(i) for i in range(len(self.parent))], dtype=np.int64)
        smallest = np.full(len(roots), len(roots), dtype=np.int64)
        np.minimum.at(smallest, roots, np.arange(len(roots), dtype=np.int64))
        return np.asarray(smallest[roots], dtype=np.int64)


def connected_components(size: int, left: Iterable[int], right: Iterable[int]) -> np.ndarray:
    """Plain connected components (Splink's usual clustering), labelled like ``cluster``."""
    from scipy.sparse import coo_matrix  # type: ignore[import-untyped, unused-ignore]
    from scipy.sparse.csgraph import (  # type: ignore[import-untyped, unused-ignore]
        connected_components as components,
    )

    rows, cols = np.asarray(list(left), dtype=np.int64), np.asarray(list(right), dtype=np.int64)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    _, component = components(graph, directed=False)
    first = np.full(component.max() + 1 if size else 0, size, dtype=np.int64)
    np.minimum.at(first, component, np.arange(size, dtype=np.int64))
    return np.asarray(first[component], dtype=np.int64)


def cluster(
    size: int,
    edges: Iterable[Edge],
    *,
    cnics: Sequence[str | None] | None = None,
    protected: Iterable[int] = (),
    accused: Iterable[int] = (),
    together: Iterable[tuple[int, int]] = (),
    apart: Iterable[tuple[int, int]] = (),
) -> np.ndarray:
    """Cluster labels (smallest member's position) for records 0..size-1."""
    listed = list(edges)
    return cluster_arrays(
        size,
        np.array([e.left for e in listed], dtype=np.int64),
        np.array([e.right for e in listed], dtype=np.int64),
        np.array([e.probability for e in listed], dtype=np.float64),
        cnics=cnics,
        protected=protected,
        accused=accused,
        together=together,
        apart=apart,
    )


def cluster_arrays(
    size: int,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    *,
    cnics: Sequence[str | None] | None = None,
    protected: Iterable[int] = (),
    accused: Iterable[int] = (),
    together: Iterable[tuple[int, int]] = (),
    apart: Iterable[tuple[int, int]] = (),
) -> np.ndarray:
    """``cluster`` for pairs given as arrays, strongest first without an object per pair."""
    clusters = ConstrainedClusters(
        size, cnics=cnics, protected=protected, accused=accused, apart=apart
    )
    for a, b in together:
        clusters.join(clusters.find(a), clusters.find(b))
    order = np.lexsort((right, left, -probability))
    pending = [
        Edge(a, b, p)
        for a, b, p in zip(
            left[order].tolist(), right[order].tolist(), probability[order].tolist(), strict=True
        )
        if clusters.offer(a, b, p) is None
    ]
    clusters.join_supported(pending)
    return clusters.labels()
