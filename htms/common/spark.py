"""What every Spark session of HTMS starts with (PySpark is an optional dependency, Java 17)."""

from typing import Any


def spark_builder(*, name: str, master: str, memory: str, partitions: int) -> Any:
    """A session builder with Splink's similarity functions (Jaro-Winkler, Damerau-Levenshtein)
    on the class path: a process starts one JVM, with the jars of whichever session comes
    first, so each carries them. On a cluster, ``master`` is the cluster's and ``partitions``
    (of every shuffle) a few times its cores."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    return (
        SparkSession.builder.master(master)
        .appName(name)
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
