"""The same resolution on Splink's Spark backend (local[2]) gives the DuckDB answer.

Slow (a Spark session takes half a minute to start); needs PySpark (a test dependency) and a
Java runtime, which ``make test`` installs.
"""

import numpy as np
import pytest

from htms.resolution.noise import noisy_register
from htms.resolution.pipeline import resolve

pytestmark = pytest.mark.slow


def test_it_resolves_on_spark_as_on_duckdb() -> None:
    from htms.resolution.spark import spark_session

    spark = spark_session(cores=2, memory="1g")
    try:
        frame = noisy_register(records=600, seed=12).drop(columns=["true_id"])
        on_spark = resolve(frame, backend="spark", spark=spark)
        on_duckdb = resolve(frame)
        assert np.array_equal(on_spark.labels, on_duckdb.labels)
        assert on_spark.candidate_pairs == on_duckdb.candidate_pairs
        assert (on_spark.labels != np.arange(len(frame))).sum() > 50
        # One session serves one resolution after another (the benchmark's sizes).
        head = frame.iloc[:200]
        again = resolve(head, backend="spark", spark=spark)
        assert np.array_equal(again.labels, resolve(head).labels)
    finally:
        spark.stop()
