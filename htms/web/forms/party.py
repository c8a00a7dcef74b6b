"""A person in a role: picked from the register or entered anew, with the facts of the role.

Used by the registration wizard and by "add a person" on a case. The form checks the shape of
the input; ``htms.cases.services.parties.parties_check`` checks the rest, and its error keys
(``parties[0].documents[1]``) are mapped back to these fields by ``party_field_for``.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from htms.cases.inputs import PartyInput
from htms.cases.models import AccusedStatus, DecidingOrganisation, PartyRole, TraffickingStatus
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import DocumentKind, Relation, Sex
from htms.reference.models import Country, Term, Vocabulary
from htms.web.forms.fields import PartialDateField

BLANK = [("", "—")]
NEW_PERSON_FIELDS = (
    "full_name",
    "full_name_ur",
    "relation",
    "father_name",
    "father_name_ur",
    "birth_date",
    "cnic",
    "passport",
    "phone",
)


def _terms(vocabulary: str) -> list[tuple[str, str]]:
    return [(t.code, str(t)) for t in Term.objects.filter(vocabulary=vocabulary)]


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the case"), choices=PartyRole.choices)
    existing_person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Name (Latin script)"), max_length=200, required=False)
    full_name_ur = forms.CharField(label=_("Name (Urdu script)"), max_length=200, required=False)
    relation = forms.ChoiceField(
        label=_("Relation"), choices=BLANK + list(Relation.choices), required=False
    )
    father_name = forms.CharField(
        label=_("Father's or husband's name"), max_length=200, required=False
    )
    father_name_ur = forms.CharField(
        label=_("Father's or husband's name (Urdu script)"), max_length=200, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = PartialDateField(
        label=_("Date of birth"),
        required=False,
        help_text=_("A year (1990), a year and month (1990-04) or a full date."),
    )
    nationality = forms.ChoiceField(label=_("Claimed nationality"), required=False)
    cnic = forms.CharField(label=_("CNIC"), max_length=20, required=False)
    passport = forms.CharField(label=_("Passport number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    accused_status = forms.ChoiceField(
        label=_("Status of the accused"),
        choices=BLANK + list(AccusedStatus.choices),
        required=False,
    )
    network_role = forms.ChoiceField(label=_("Role in the network"), required=False)
    trafficking_status = forms.ChoiceField(
        label=_("Trafficking status"),
        choices=BLANK + list(TraffickingStatus.choices),
        required=False,
    )
    status_decided_by = forms.ChoiceField(
        label=_("Status decided by"),
        choices=BLANK + list(DecidingOrganisation.choices),
        required=False,
    )
    exploitation_types = forms.MultipleChoiceField(
        label=_("Types of exploitation"), required=False, widget=forms.CheckboxSelectMultiple
    )
    means_of_control = forms.MultipleChoiceField(
        label=_("Means of control"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].choices = BLANK + [  # type: ignore[attr-defined]
            (c.code, str(c)) for c in Country.objects.all()
        ]
        self.fields["network_role"].choices = BLANK + _terms(Vocabulary.NETWORK_ROLE)  # type: ignore[attr-defined]
        self.fields["exploitation_types"].choices = _terms(Vocabulary.EXPLOITATION_TYPE)  # type: ignore[attr-defined]
        self.fields["means_of_control"].choices = _terms(Vocabulary.MEANS_OF_CONTROL)  # type: ignore[attr-defined]

    def new_person_given(self) -> bool:
        return any(self.cleaned_data.get(name) for name in NEW_PERSON_FIELDS)


def _documents(data: dict[str, Any]) -> tuple[list[DocumentInput], list[str]]:
    """The documents entered, and for each the form field it came from."""
    documents, fields = [], []
    if data.get("cnic", "").strip():
        documents.append(DocumentInput(kind=DocumentKind.CNIC, number=data["cnic"]))
        fields.append("cnic")
    if data.get("passport", "").strip():
        passport = DocumentInput(
            kind=DocumentKind.PASSPORT, number=data["passport"], country_code=data["nationality"]
        )
        documents.append(passport)
        fields.append("passport")
    return documents, fields


def person_input(data: dict[str, Any]) -> PersonInput:
    birth = data["birth_date"]
    return PersonInput(
        full_name=data["full_name"],
        full_name_ur=data["full_name_ur"],
        relation=data["relation"],
        father_name=data["father_name"],
        father_name_ur=data["father_name_ur"],
        sex=data["sex"],
        birth_date=birth[0] if birth else None,
        birth_date_precision=birth[1] if birth else "",
        nationality_code=data["nationality"],
        documents=_documents(data)[0],
        phones=[data["phone"]] if data["phone"].strip() else [],
    )


def party_input(form: PartyForm) -> PartyInput:
    """The PartyInput for a valid form: the picked person if any, else the new person."""
    data = form.cleaned_data
    existing = data["existing_person"]
    return PartyInput(
        role=data["role"],
        person_id=existing,
        person=None if existing else person_input(data),
        network_role_code=data["network_role"],
        accused_status=data["accused_status"],
        trafficking_status=data["trafficking_status"],
        status_decided_by=data["status_decided_by"],
        exploitation_type_codes=list(data["exploitation_types"]),
        means_of_control_codes=list(data["means_of_control"]),
    )


def party_field_for(form: PartyForm, prefix: str) -> dict[str, str]:
    """Maps the service's error keys for this party (``prefix`` = ``parties[0]``) to fields."""
    fields = {
        f"{prefix}.{name}": name
        for name in ("role", "accused_status", "trafficking_status", "status_decided_by")
    }
    fields |= {
        f"{prefix}.person_id": "existing_person",
        f"{prefix}.full_name": "full_name",
        f"{prefix}.relation": "relation",
        f"{prefix}.sex": "sex",
        f"{prefix}.birth_date": "birth_date",
        f"{prefix}.birth_date_precision": "birth_date",
        f"{prefix}.nationality": "nationality",
        f"{prefix}.phones[0]": "phone",
        f"{prefix}.network_role": "network_role",
        f"{prefix}.exploitation_types": "exploitation_types",
        f"{prefix}.means_of_control": "means_of_control",
    }
    if form.is_bound and hasattr(form, "cleaned_data"):
        for i, name in enumerate(_documents(form.cleaned_data)[1]):
            fields[f"{prefix}.documents[{i}]"] = name
    return fields
