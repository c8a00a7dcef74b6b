"""Shared serializer building blocks."""

from collections.abc import MutableMapping
from typing import Any, TypeVar

from django.db import models
from rest_framework import serializers

M = TypeVar("M", bound=models.Model)


# A model serializer for responses only. Every field is read-only, so that the schema marks
# every field as always present; a choice field keeps its blank choice, which DRF drops from
# read-only fields, so that the schema admits "".
class OutputSerializer(serializers.ModelSerializer[M]):
    def get_extra_kwargs(self) -> dict[str, Any]:
        extra: dict[str, Any] = super().get_extra_kwargs()
        for name in getattr(self.Meta, "fields", []):
            extra.setdefault(name, {})["read_only"] = True
        return extra

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        blank_choice = "choices" in kwargs and kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank_choice:
            kwargs["allow_blank"] = True
        return kwargs
