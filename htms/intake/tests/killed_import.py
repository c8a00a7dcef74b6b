"""An import killed mid-way, as a server process dies: run as a script in its own process
(``python htms/intake/tests/killed_import.py DIR PHASE``), against the database DATABASE_URL
names, else a SQLite file in DIR.

- ``start``: loads the reference data, an immigration officer and a 600-row deportation list
  (stored, mapped, nothing imported), then imports it 20 rows a step, printing "step" after
  each, until killed.
- ``resume``: imports, 20 rows a step, printing "step" after each, to the end (or until killed).
- ``check``: prints one JSON line of what the database holds.
"""

import io
import json
import os
import sys
from collections import Counter
from datetime import date
from typing import Any

ROWS = 600
STEP = 20
ON = date(2026, 10, 12)


def _setup(directory: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "htms.settings")
    os.environ["HTMS_VAR_DIR"] = directory
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{directory}/import.sqlite3")
    import django

    django.setup()


def _start() -> None:
    from django.core.management import call_command

    from htms.accounts.models import Role
    from htms.accounts.services import user_create
    from htms.intake.manifest_maker import ManifestSpec, manifest_bytes
    from htms.intake.models import Manifest
    from htms.intake.services.manifests import (
        manifest_mapping,
        manifest_mapping_save,
        manifest_source_create,
        manifest_upload,
    )
    from htms.reference.loader import reference_load

    call_command("migrate", verbosity=0)
    reference_load()
    officer = user_create(
        actor=None, username="imm", password="killed-import-pw-long", unit_code="IMM-KHI-AIR",
        role=Role.INVESTIGATING_OFFICER,
    )  # fmt: skip
    source = manifest_source_create(
        actor=officer, name="Oman deportations", kind="deported", deporting_country_code="OM"
    )
    data = manifest_bytes(ManifestSpec(rows=ROWS, seed=7))
    result = manifest_upload(
        actor=officer, source_id=source.pk, stream=io.BytesIO(data), file_name="oman.csv",
        occurred_on=ON,
    )  # fmt: skip
    manifest = Manifest.objects.select_related("source").get(pk=result.manifest.pk)
    mapping = manifest_mapping(manifest)
    manifest_mapping_save(actor=officer, manifest_id=manifest.pk, mapping=mapping, day_first=True)
    _import()


def _import() -> None:
    from htms.accounts.models import User
    from htms.intake.models import Manifest
    from htms.intake.services.manifests import manifest_import_step

    officer = User.objects.get(username="imm")
    manifest = Manifest.objects.get()
    while not manifest_import_step(actor=officer, manifest_id=manifest.pk, batch_size=STEP).done:
        print("step", flush=True)
    print("done", flush=True)


def _check() -> dict[str, Any]:
    from htms.audit.verify import audit_verify
    from htms.intake.models import BorderEvent, Manifest, ManifestRow, RowStatus
    from htms.persons.models import Person

    manifest = Manifest.objects.get()
    rows = ManifestRow.objects.filter(manifest=manifest)
    imported = rows.filter(status=RowStatus.IMPORTED)
    events = BorderEvent.objects.filter(manifest=manifest)
    per_row = Counter(imported.values_list("border_event_id", flat=True))
    return {
        "rows": rows.count(),
        "statuses": dict(Counter(rows.values_list("status", flat=True))),
        "imported": imported.count(),
        "imported_without_event": imported.filter(border_event__isnull=True).count(),
        "events": events.count(),
        "events_shared_by_rows": sum(1 for n in per_row.values() if n > 1),
        "events_of_no_row": events.exclude(pk__in=imported.values("border_event_id")).count(),
        "persons": Person.objects.count(),
        "persons_without_event": Person.objects.filter(border_events__isnull=True).count(),
        "processed_rows": manifest.processed_rows,
        "manifest_status": manifest.status,
        "audit_problems": [p.message for p in audit_verify()],
    }


def main(directory: str, phase: str) -> None:
    _setup(directory)
    if phase == "start":
        _start()
    elif phase == "resume":
        _import()
    else:
        print(json.dumps(_check()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
