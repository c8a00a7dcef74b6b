"""The networks of the whole register, on Apache Spark: connected components of every link.

The links are read from the database in chunks (``whole_graph.register_links``) into Parquet
files of a staging folder, which Spark reads; on a cluster the folder must be one every worker
reads (a shared mount or HDFS) and the session's master the cluster's (``spark.master``): the
code is the same. Merges of persons are applied in Spark as on the pages: a merged person is one
node, keyed by the lowest record id of their cluster.

The components are computed by an existing engine, Splink's connected components
(``splink.clustering.cluster_pairwise_predictions_at_threshold``), which runs as SQL on Spark,
every link counting as a match. GraphFrames would add PageRank and motif search, but no Python
package carries a GraphFrames jar for Spark 4 (``docs/network.md``). PySpark is an optional
dependency (``pip install pyspark``, Java 17); nothing else of HTMS imports this module.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

from htms.common.spark import spark_builder
from htms.network.whole_graph import merged_records, register_links

BATCH = 100_000
LINKS, MERGES = "links.parquet", "merges.parquet"
PERSON = "person:"


@dataclass(frozen=True)
class Staged:
    folder: Path
    links: int
    merged: int


@dataclass(frozen=True)
class PersonNetwork:
    """A person node, the network it belongs to (named after its lowest person id), and how
    many persons and nodes of every kind that network holds."""

    person_id: int
    network: int
    persons: int
    nodes: int


def _batches(rows: Iterable[tuple[Any, Any]]) -> Iterator[list[tuple[Any, Any]]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(path: Path, rows: Iterable[tuple[Any, Any]], schema: pa.Schema) -> int:
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in _batches(rows):
            columns = list(zip(*batch, strict=True))
            writer.write_table(pa.table(columns, schema=schema))
            count += len(batch)
    return count


def stage_register(folder: Path) -> Staged:
    """Writes every link of the register and every merged record into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    ends = pa.schema([("a", pa.string()), ("b", pa.string())])
    members = pa.schema([("person_id", pa.int64()), ("cluster_id", pa.int64())])
    links = _write(folder / LINKS, register_links(), ends)
    merged = _write(folder / MERGES, merged_records(), members)
    return Staged(folder, links, merged)


def graph_session(*, master: str = "local[2]", memory: str = "2g", partitions: int = 8) -> Any:
    """A Spark session for whole-graph measures; ``master`` is a cluster's on a cluster, where
    ``partitions`` (of every shuffle) should be a few times its cores."""
    return spark_builder(
        name="htms-network", master=master, memory=memory, partitions=partitions
    ).getOrCreate()


def _links(spark: Any, staged: Staged) -> Any:
    """The staged links with every merged record replaced by the one its merge keeps."""
    from pyspark.sql import functions as f

    links = spark.read.parquet(str(staged.folder / LINKS))
    if not staged.merged:
        return links.where(f.col("a") != f.col("b"))
    merges = spark.read.parquet(str(staged.folder / MERGES))
    kept = merges.groupBy("cluster_id").agg(f.min("person_id").alias("kept"))
    keys = merges.join(kept, "cluster_id").select(
        f.concat(f.lit(PERSON), f.col("person_id").cast("string")).alias("key"),
        f.concat(f.lit(PERSON), f.col("kept").cast("string")).alias("kept"),
    )
    for end in ("a", "b"):
        mapped = keys.withColumnRenamed("key", end)
        links = links.join(mapped, end, "left")
        links = links.select(f.coalesce("kept", end).alias(end), *(c for c in "ab" if c != end))
    return links.select("a", "b").where(f.col("a") != f.col("b"))


def components(spark: Any, staged: Staged) -> Any:
    """Each node's component: a Spark DataFrame of ``node_id`` and ``cluster_id``."""
    from pyspark.sql import functions as f
    from splink.backends.spark import SparkAPI
    from splink.clustering import cluster_pairwise_predictions_at_threshold

    links = _links(spark, staged)
    edges = links.select(f.col("a").alias("node_id_l"), f.col("b").alias("node_id_r"))
    nodes = links.select(f.col("a").alias("node_id")).union(links.select("b")).distinct()
    # Each round of the components writes its tables to Parquet and reads them back: kept in
    # memory instead ("persist"), the plans grow with every round until the driver runs out.
    spark.sparkContext.setCheckpointDir(str(staged.folder / "rounds"))
    api = SparkAPI(  # type: ignore[no-untyped-call]
        spark_session=spark, break_lineage_method="parquet", register_udfs_automatically=False
    )
    found = cluster_pairwise_predictions_at_threshold(
        nodes, edges, db_api=api, node_id_column_name="node_id"
    )
    return found.as_spark_dataframe()


def person_networks(spark: Any, staged: Staged) -> Iterator[PersonNetwork]:
    """Every person node with its network, ordered by network and person."""
    from pyspark.sql import Window
    from pyspark.sql import functions as f

    found = components(spark, staged)
    person_id = f.when(
        f.col("node_id").startswith(PERSON), f.substring("node_id", len(PERSON) + 1, 20)
    ).cast("long")
    cluster = Window.partitionBy("cluster_id")
    rows = (
        found.withColumn("person_id", person_id)
        .withColumn("network", f.min("person_id").over(cluster))
        .withColumn("persons", f.count("person_id").over(cluster))
        .withColumn("nodes", f.count("*").over(cluster))
        .where(f.col("person_id").isNotNull())
        .select("person_id", "network", "persons", "nodes")
        .orderBy("network", "person_id")
    )
    for row in rows.toLocalIterator():
        yield PersonNetwork(row.person_id, row.network, row.persons, row.nodes)
