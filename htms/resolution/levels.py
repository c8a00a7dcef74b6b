"""Comparison levels Splink does not ship, written for both DuckDB and Spark SQL."""

from splink.internals.comparison_level_creator import ComparisonLevelCreator
from splink.internals.dialects import SplinkDialect


class NamePartsAgreeLevel(ComparisonLevelCreator):
    """Every part of the shorter name agrees with some part of the other, allowing a typo.

    Parts are compared by Jaro-Winkler on their skeletons (``col`` holds arrays of them):
    Rafiq ``rfk`` and Rafuque ``rfki`` agree, Rafiq and Shafiq (``xfk``) do not. Both names
    need at least one part, so two empty arrays never agree.
    """

    def __init__(self, col_name: str, threshold: float, label: str) -> None:
        self.col_name = col_name
        self.threshold = threshold
        self.label = label

    def create_sql(self, sql_dialect: SplinkDialect) -> str:
        left, right = f"{self.col_name}_l", f"{self.col_name}_r"
        size = "size" if sql_dialect.sql_dialect_str == "spark" else "len"
        return (
            f"{size}({left}) > 0 AND {size}({right}) > 0 AND CASE WHEN "
            f"{size}({left}) <= {size}({right}) THEN {self._inside(sql_dialect, left, right)} "
            f"ELSE {self._inside(sql_dialect, right, left)} END"
        )

    def _inside(self, sql_dialect: SplinkDialect, part: str, whole: str) -> str:
        jw = sql_dialect.jaro_winkler_function_name
        close = f"{jw}(x, y) >= {self.threshold}"
        if sql_dialect.sql_dialect_str == "spark":
            return f"forall({part}, x -> exists({whole}, y -> {close}))"
        return (
            f"list_bool_and(list_transform({part}, lambda x: "
            f"list_bool_or(list_transform({whole}, lambda y: {close}))))"
        )

    def create_label_for_charts(self) -> str:
        return self.label
