"""Running the same resolution on Splink's Spark backend, for registers beyond one machine.

``resolve(records, backend="spark", spark=session)`` uses the same features, comparisons,
blocking rules, training, decisions and clustering as on DuckDB: only the SQL engine changes,
and u is counted from the random sample in one job per comparison (``training._u_chunks``). Only
the pairs from the review bar up leave Spark, for the decisions and clusters. The session
needs Splink's similarity functions (Jaro-Winkler, Damerau-Levenshtein) on its class path,
which every session of ``htms.common.spark.spark_builder`` carries; on a cluster, pass the same
jar with ``spark.jars``.
PySpark is an optional dependency (``pip install pyspark``, Java 17).
"""

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

from htms.common.spark import spark_builder
from htms.resolution.features import LIST_COLUMNS


def spark_session(*, cores: int = 2, memory: str = "2g") -> Any:
    """A local Spark session (``local[cores]``) ready for Splink."""
    builder = spark_builder(
        name="htms-resolution", master=f"local[{cores}]", memory=memory, partitions=cores * 4
    )
    return (
        builder.config("spark.default.parallelism", str(cores * 4))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def spark_api(spark: Any) -> Any:
    from splink.backends.spark import SparkAPI

    return SparkAPI(spark_session=spark, break_lineage_method="persist")  # type: ignore[no-untyped-call]


def _arrow_type(name: str, series: pd.Series) -> pa.DataType:
    if name in LIST_COLUMNS:
        return pa.list_(pa.string())
    if str(series.dtype) == "Int64" or series.dtype.kind in "iu":
        return pa.int64()
    return pa.string()


def to_spark(spark: Any, table: pd.DataFrame) -> Any:
    """The feature table as a Spark DataFrame held by Spark's own storage, spread over the
    session's cores, with explicit types (lists of strings for name skeletons and address
    words, nullable integers for date parts).

    Not ``createDataFrame``: on Spark 4 it makes the rows part of the query plan (a local
    relation), which the driver then copies and hashes while planning each of training's and
    scoring's queries; at 100,000 records that filled a 14 GB heap. The rows go through a
    Parquet file instead, read once and checkpointed, so the file can go at once. On a
    cluster the temporary folder must be one every worker reads (a shared mount)."""
    columns = {}
    for name in table.columns:
        series = table[name]
        values = [None if _missing(v) else v for v in series.astype(object).tolist()]
        columns[name] = pa.array(values, type=_arrow_type(name, series))
    with tempfile.TemporaryDirectory(prefix="htms-resolution-spark-") as folder:
        path = Path(folder) / "records.parquet"
        pq.write_table(pa.table(columns), str(path))
        parts = spark.sparkContext.defaultParallelism
        return spark.read.parquet(str(path)).repartition(parts).localCheckpoint(eager=True)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)
