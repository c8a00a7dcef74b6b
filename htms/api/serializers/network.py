"""Networks of links as the API shows them: the same JSON as the graph view
(``htms.network.presenters.network_json``), masked and explained for the caller."""

from datetime import date
from typing import Any

from rest_framework import serializers

from htms.network.graph import MAX_DEPTH, LinkFilter
from htms.network.links import LinkKind

UNKNOWN_KIND = "Unknown kind of link: %(kinds)s. Known: %(known)s."


class NetworkQuery(serializers.Serializer[Any]):
    depth = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_DEPTH, help_text="Links away (default 2)"
    )
    kinds = serializers.CharField(
        required=False, allow_blank=True, max_length=200,
        help_text="Kinds of link, comma-separated: " + ", ".join(LinkKind.values),
    )  # fmt: skip
    since = serializers.DateField(required=False, help_text="Links that held on or after")
    until = serializers.DateField(required=False, help_text="Links that held on or before")

    def validate_kinds(self, value: str) -> list[str]:
        kinds = [k.strip() for k in value.split(",") if k.strip()]
        unknown = sorted(set(kinds) - set(LinkKind.values))
        if unknown:
            raise serializers.ValidationError(
                UNKNOWN_KIND % {"kinds": ", ".join(unknown), "known": ", ".join(LinkKind.values)}
            )
        return kinds

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and since > until:
            raise serializers.ValidationError({"until": ["The end comes before the start."]})
        return attrs


def link_filter(query: dict[str, Any]) -> LinkFilter:
    since: date | None = query.get("since")
    until: date | None = query.get("until")
    return LinkFilter(frozenset(query.get("kinds") or ()), since, until)


class PathQuery(NetworkQuery):
    a = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="A person's id")
    b = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="A person's id")


class NodeSerializer(serializers.Serializer[Any]):
    id = serializers.CharField(help_text="person:ID, case:ID, account:ID; phones, documents and "
                               "addresses by an opaque key")  # fmt: skip
    kind = serializers.CharField()
    # "label" and "source" are also attributes of DRF's Field: the names the JSON needs win.
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="A protected person's pseudonym when masked"
    )
    hidden = serializers.BooleanField()
    ring = serializers.IntegerField(help_text="Links away from the start")
    synthetic = serializers.BooleanField()


class LinkSerializer(serializers.Serializer[Any]):
    source = serializers.CharField()  # type: ignore[assignment]
    target = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    reason = serializers.CharField(help_text="Why the two nodes are linked: a lead, not a finding")
    source_text = serializers.CharField(allow_blank=True, help_text="Where the link comes from")
    directed = serializers.BooleanField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    grading = serializers.CharField(
        allow_blank=True, help_text="Source reliability A-F and credibility 1-6, e.g. B2; blank "
        "when the link was not graded"
    )  # fmt: skip
    handling_code = serializers.CharField(allow_blank=True, help_text="H1, H2 or H3; or blank")
    grading_text = serializers.CharField(
        help_text="The grading and handling code, or where an ungraded link comes from (a case "
        "record, a court judgment)"
    )  # fmt: skip


class NetworkSerializer(serializers.Serializer[Any]):
    nodes = NodeSerializer(many=True)
    links = LinkSerializer(many=True)
    truncated = serializers.BooleanField(help_text="Some links were left out: narrow the filters")


class HopSerializer(serializers.Serializer[Any]):
    source = NodeSerializer()  # type: ignore[assignment]
    target = NodeSerializer()
    links = LinkSerializer(many=True, help_text="Every link that makes this hop")


class PathSerializer(serializers.Serializer[Any]):
    hops = HopSerializer(many=True, help_text="Empty when there is no path within the depth")
    truncated = serializers.BooleanField(
        help_text="The search stopped at the node limit: a shorter path, or one where none is "
        "given, may exist; narrow the kinds or dates"
    )
