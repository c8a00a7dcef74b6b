"""Reference data, read-only, for every logged-in user. Not paginated: the lists are short."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from htms.api.errors import ErrorsMixin, error_responses
from htms.api.serializers import reference as ref
from htms.api.views.base import valid
from htms.reference.models import Country, Court, District, Province, Statute, Term, Unit


class _ReferenceList(ErrorsMixin, ListAPIView[Any]):
    pagination_class = None
    # The query parameter that filters the list, and the model field it filters.
    query_class: type[serializers.Serializer[Any]] | None = None
    filter_map: dict[str, str] = {}

    def get_queryset(self) -> QuerySet[Any]:
        rows = super().get_queryset()
        if self.query_class is None:
            return rows
        query = valid(self.query_class, self.request.query_params)
        return rows.filter(**{self.filter_map[k]: v for k, v in query.items() if v})


def _documented(view: type[_ReferenceList]) -> type[_ReferenceList]:
    assert view.serializer_class is not None
    parameters = [view.query_class] if view.query_class else []
    codes = (400,) if view.query_class else ()
    return extend_schema_view(
        get=extend_schema(
            parameters=parameters,
            responses={200: view.serializer_class(many=True), **error_responses(*codes)},
        )
    )(view)


@_documented
class ProvinceList(_ReferenceList):
    queryset = Province.objects.all()
    serializer_class = ref.ProvinceSerializer


@_documented
class DistrictList(_ReferenceList):
    queryset = District.objects.select_related("province")
    serializer_class = ref.DistrictSerializer
    query_class = ref.DistrictQuery
    filter_map = {"province": "province__code"}


@_documented
class CountryList(_ReferenceList):
    queryset = Country.objects.all()
    serializer_class = ref.CountrySerializer


@_documented
class UnitList(_ReferenceList):
    queryset = Unit.objects.select_related("zone", "province", "district")
    serializer_class = ref.UnitSerializer
    query_class = ref.UnitQuery
    filter_map = {"kind": "kind"}


@_documented
class CourtList(_ReferenceList):
    queryset = Court.objects.select_related("district")
    serializer_class = ref.CourtSerializer


@_documented
class StatuteList(_ReferenceList):
    queryset = Statute.objects.all()
    serializer_class = ref.StatuteSerializer
    query_class = ref.StatuteQuery
    filter_map = {"crime_type": "crime_type"}


@_documented
class TermList(_ReferenceList):
    queryset = Term.objects.all()
    serializer_class = ref.TermSerializer
    query_class = ref.TermQuery
    filter_map = {"vocabulary": "vocabulary"}
