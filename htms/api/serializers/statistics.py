"""Output of the statistics endpoints: published tables, withheld cells as null."""

from typing import Any

from rest_framework import serializers

from htms.statistics.dimensions import Dimension
from htms.statistics.figures import YearBasis


class FigureQuery(serializers.Serializer[Any]):
    by = serializers.ChoiceField(
        choices=Dimension.choices,
        default=Dimension.SEX,
        help_text="The dimension the counts are broken down by (besides the year)",
    )
    year = serializers.ChoiceField(
        choices=YearBasis.choices,
        required=False,
        help_text=(
            "The year people are counted in: of registration of the case, of the offence, or "
            "of the trial judgment (convicted and acquitted only); the unit's own by default"
        ),
    )


class PublishedRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="The category's code; empty for unknown")
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    cells = serializers.ListField(
        child=serializers.IntegerField(allow_null=True),
        help_text="One count per column (year); null where withheld",
    )
    total = serializers.IntegerField(allow_null=True, help_text="null where withheld")


class PublishedTableSerializer(serializers.Serializer[Any]):
    unit = serializers.CharField(help_text="The counting unit (docs/statistics.md)")
    dimension = serializers.CharField()
    year_basis = serializers.CharField(help_text="Which year the columns count people in")
    k = serializers.IntegerField(
        allow_null=True,
        help_text="Cells of fewer than k people are withheld (null); null k: whole counts",
    )
    columns = serializers.ListField(child=serializers.CharField())
    rows = PublishedRowSerializer(many=True)
    totals = PublishedRowSerializer(
        allow_null=True, help_text="The total row; null when one person may be in several rows"
    )
    as_of = serializers.DateTimeField(
        allow_null=True,
        help_text="When the people were counted: the last refresh of the statistics table",
    )


class RateRowSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    cells = serializers.ListField(child=serializers.FloatField(allow_null=True))
    total = serializers.FloatField(allow_null=True)


class FunnelSerializer(serializers.Serializer[Any]):
    k = serializers.IntegerField(allow_null=True)
    columns = serializers.ListField(child=serializers.CharField(), help_text="Years of the FIR")
    rows = PublishedRowSerializer(many=True)
    rates = RateRowSerializer(many=True, help_text="Percentages; null where a count is withheld")


class SpreadSerializer(serializers.Serializer[Any]):
    cases = serializers.IntegerField(
        allow_null=True, help_text="How many cases; null under disclosure control"
    )
    lower = serializers.FloatField(help_text="First quartile, in days")
    median = serializers.FloatField(help_text="Median, in days")
    upper = serializers.FloatField(help_text="Third quartile, in days")


class DurationRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    cells = serializers.ListField(
        child=SpreadSerializer(allow_null=True), help_text="One per year; null where withheld"
    )
    total = SpreadSerializer(allow_null=True)


class DurationsSerializer(serializers.Serializer[Any]):
    k = serializers.IntegerField(allow_null=True)
    columns = serializers.ListField(child=serializers.CharField(), help_text="Years of the FIR")
    rows = DurationRowSerializer(many=True)
