"""Persons as the API shows them, with a protected person's identity masked.

Whether a person's identity is shown is decided by the access functions
(``htms.persons.access.identity_visibility``), never here: the view puts a
``identity_visible(person) -> bool`` callable in the serializer context. Without one, every
identity is masked. A masked person shows the pseudonym as ``name`` and null in every field
that could identify them.
"""

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField

from htms.api.serializers.base import OutputSerializer
from htms.cases.models import CaseParty
from htms.persons.models import IdentityDocument, Person, PersonAddress
from htms.persons.validators import normalize_cnic

IdentityCheck = Callable[[Person], bool]

# What a user without need-to-know may not see of a protected person.
IDENTIFYING_FIELDS = frozenset(
    {
        "full_name",
        "full_name_ur",
        "relation",
        "father_name",
        "father_name_ur",
        "birth_date",
        "birth_date_precision",
        "documents",
        "phones",
        "aliases",
        "addresses",
    }
)
# A list that is null where the identity is masked.
NULLABLE_STRINGS = {"type": "array", "items": {"type": "string"}, "nullable": True}


class DocumentSerializer(OutputSerializer[IdentityDocument]):
    country = serializers.CharField(source="country.code", read_only=True, allow_null=True)

    class Meta:
        model = IdentityDocument
        fields = ["kind", "number", "country"]


class AddressSerializer(OutputSerializer[PersonAddress]):
    district = serializers.CharField(source="district.code", read_only=True, allow_null=True)
    province = serializers.CharField(source="province.code", read_only=True, allow_null=True)
    country = serializers.CharField(source="country.code", read_only=True, allow_null=True)

    class Meta:
        model = PersonAddress
        fields = ["text", "district", "province", "country"]


class PartyPersonSerializer(OutputSerializer[Person]):
    """A person as a party of a case shows them."""

    identity_visible = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField(help_text="The name, or the pseudonym if masked")
    full_name = serializers.CharField(allow_null=True, read_only=True)
    full_name_ur = serializers.CharField(allow_null=True, read_only=True)
    relation = serializers.CharField(allow_null=True, read_only=True)
    father_name = serializers.CharField(allow_null=True, read_only=True)
    father_name_ur = serializers.CharField(allow_null=True, read_only=True)
    birth_date = serializers.DateField(allow_null=True, read_only=True)
    birth_date_precision = serializers.CharField(allow_null=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True, allow_null=True)
    phones = serializers.SerializerMethodField(help_text="E.164 numbers")

    class Meta:
        model = Person
        fields = [
            "id",
            "identity_visible",
            "name",
            "full_name",
            "full_name_ur",
            "relation",
            "father_name",
            "father_name_ur",
            "sex",
            "birth_date",
            "birth_date_precision",
            "documents",
            "phones",
        ]

    def _visible(self, person: Person) -> bool:
        check: IdentityCheck | None = self.context.get("identity_visible")
        return bool(check and check(person))

    def get_identity_visible(self, person: Person) -> bool:
        return self._visible(person)

    def get_name(self, person: Person) -> str:
        return str(person) if self._visible(person) else person.pseudonym

    @extend_schema_field(NULLABLE_STRINGS)
    def get_phones(self, person: Person) -> list[str]:
        return [phone.number for phone in person.phones.all()]

    def to_representation(self, instance: Person) -> dict[str, Any]:
        if self._visible(instance):
            return super().to_representation(instance)
        data: dict[str, Any] = {}
        for field in self._readable_fields:
            name = str(field.field_name)
            if name in IDENTIFYING_FIELDS:
                data[name] = None
                continue
            try:
                value = field.get_attribute(instance)
            except SkipField:
                continue
            data[name] = None if value is None else field.to_representation(value)
        return data


class PersonListItemSerializer(PartyPersonSerializer):
    """A person in a list of persons."""

    nationality = serializers.CharField(source="nationality.code", read_only=True, allow_null=True)

    class Meta(PartyPersonSerializer.Meta):
        fields = [*PartyPersonSerializer.Meta.fields, "nationality"]


class PersonRoleSerializer(OutputSerializer[CaseParty]):
    case = serializers.IntegerField(source="case_id", read_only=True)
    case_reference = serializers.CharField(source="case.reference", read_only=True)

    class Meta:
        model = CaseParty
        fields = ["id", "case", "case_reference", "role"]


class PersonDetailSerializer(PersonListItemSerializer):
    """A person, with their roles in the cases the user may see."""

    nationality_verified = serializers.CharField(
        source="nationality_verified.code", read_only=True, allow_null=True
    )
    aliases = serializers.SerializerMethodField()
    addresses = AddressSerializer(many=True, read_only=True, allow_null=True)
    roles = serializers.SerializerMethodField(help_text="Roles in the cases the user may see")

    class Meta(PersonListItemSerializer.Meta):
        fields = [
            *PersonListItemSerializer.Meta.fields,
            "nationality_verified",
            "aliases",
            "addresses",
            "created_at",
            "version",
            "roles",
        ]

    @extend_schema_field(NULLABLE_STRINGS)
    def get_aliases(self, person: Person) -> list[str]:
        return [alias.name for alias in person.aliases.all()]

    @extend_schema_field(PersonRoleSerializer(many=True))
    def get_roles(self, person: Person) -> list[dict[str, Any]]:
        roles = self.context.get("roles", [])
        return list(PersonRoleSerializer(roles, many=True).data)


class PersonQuery(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Part of the name"
    )
    cnic = serializers.CharField(
        required=False, allow_blank=True, max_length=40, help_text="Exact CNIC"
    )

    def validate_cnic(self, value: str) -> str:
        return normalize_cnic(value) if value else ""
