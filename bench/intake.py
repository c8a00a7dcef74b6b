"""Border intake: importing deportation lists against a national register.

Sizes: HTMS_BENCH_PERSONS (1000000), HTMS_BENCH_INTAKE_ROWS (500),
HTMS_BENCH_STREAM_SIZES ("5000,20000,50000"), HTMS_BENCH_STREAM_IMPORT (1: also import the
large files, not only upload them; 0 skips the slow part).

1. Tops the register up to HTMS_BENCH_PERSONS persons with the bulk loader.
2. A 500-row list from Oman in which one row in ten is someone already in the register (same
   CNIC or passport): upload (hash, read, store every row), column mapping and import with
   exact matching, end to end through the services an officer's clicks call. Goal: <= 10 s.
3. Lists of 5,000, 20,000 and 50,000 rows written to disk, each uploaded and then imported in a
   fresh Python process, which reports its time and its resident memory at the start of the
   phase and at its highest during it (sampled every 20 ms). Goal: memory flat as the file
   grows.
"""

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.utils import timezone

from bench.case_monitoring import load
from htms.accounts.models import Role, User
from htms.intake.manifest_maker import HEADERS, ManifestMaker, ManifestSpec
from htms.intake.models import Manifest, ManifestSource, RowStatus
from htms.intake.services.manifests import (
    import_progress,
    manifest_import_step,
    manifest_mapping,
    manifest_mapping_save,
    manifest_source_create,
    manifest_upload,
)
from htms.persons.models import IdentityDocument, Person
from htms.reference.models import Unit

TITLE = "Border intake"
ON = date(2026, 10, 12)
ROOT = Path(__file__).resolve().parent.parent
CHILD = (
    "import json, os, sys, django\n"
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'htms.settings')\n"
    "django.setup()\n"
    "from bench.intake import child_phase\n"
    "print(json.dumps(child_phase(sys.argv[1], sys.argv[2:])))\n"
)


def _officer() -> User:
    unit = Unit.objects.get(code="IMM-KHI-AIR")
    user, _ = User.objects.get_or_create(
        username="bench-imm", defaults={"unit": unit, "role": Role.INVESTIGATING_OFFICER}
    )
    return user


def _source(officer: User, label: str) -> ManifestSource:
    name = f"Bench {label} {timezone.now():%Y%m%d%H%M%S%f}"
    return manifest_source_create(
        actor=officer, name=name, kind="deported", deporting_country_code="OM"
    )


def _known_rows(count: int, rng: random.Random) -> list[list[str]]:
    """Rows for people already in the register, found by a CNIC or a passport they hold."""
    docs = list(
        IdentityDocument.objects.filter(kind__in=("cnic", "passport"))
        .order_by("id")
        .values_list("kind", "number", "person__full_name")[: count * 20]
    )
    picked = rng.sample(docs, min(count, len(docs)))
    return [
        [
            "", name or "Known Person", "", number if kind == "passport" else "",
            number if kind == "cnic" else "", "", "Male", "Pakistani", "", ON.strftime("%d/%m/%Y"),
            "WY 323", "Overstay",
        ]
        for kind, number, name in picked
    ]  # fmt: skip


def _rows(spec: ManifestSpec, known: list[list[str]], rng: random.Random) -> Iterator[list[str]]:
    known = list(known)
    for row in ManifestMaker(spec).rows():
        if known and rng.random() < 0.1:
            row = [row[0], *known.pop()[1:]]
        yield row


def _write(path: Path, rows: Iterator[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerows(rows)


def _upload(officer: User, source: ManifestSource, path: Path) -> int:
    with path.open("rb") as f:
        result = manifest_upload(
            actor=officer, source_id=source.pk, stream=f, file_name=path.name, occurred_on=ON
        )
    manifest = Manifest.objects.select_related("source").get(pk=result.manifest.pk)
    mapping = manifest_mapping(manifest)
    manifest_mapping_save(actor=officer, manifest_id=manifest.pk, mapping=mapping, day_first=True)
    return manifest.pk


def _import(officer: User, manifest_id: int) -> None:
    while not manifest_import_step(actor=officer, manifest_id=manifest_id).done:
        pass


def _rss_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _RssSampler(threading.Thread):
    """The highest resident memory seen while a phase runs, sampled every 20 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss_mib()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            self.peak = max(self.peak, _rss_mib())


def child_phase(phase: str, args: list[str]) -> dict[str, Any]:
    """One phase in this fresh process: its time, and its resident memory at the start and at
    the highest point during the phase."""
    officer = User.objects.get(username="bench-imm")
    source = ManifestSource.objects.get(pk=int(args[0])) if phase == "upload" else None
    result: dict[str, Any] = {"start_mib": _rss_mib()}
    sampler = _RssSampler()
    sampler.start()
    started = time.perf_counter()
    if source is not None:
        result["manifest"] = _upload(officer, source, Path(args[1]))
    elif phase == "import":
        _import(officer, int(args[0]))
    result["seconds"] = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    result["peak_mib"] = max(sampler.peak, _rss_mib())
    return result


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def end_to_end(officer: User, rows: int, log: Callable[[str], None]) -> str:
    rng = random.Random(11)
    known = _known_rows(rows // 10, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "oman-500.csv"
        _write(path, _rows(ManifestSpec(rows=rows, seed=21, on=ON), known, rng))
        started = time.perf_counter()
        manifest_id = _upload(officer, _source(officer, "500"), path)
        uploaded = time.perf_counter() - started
        _import(officer, manifest_id)
        total = time.perf_counter() - started
    counts = import_progress(Manifest.objects.get(pk=manifest_id)).counts
    log(f"{rows} rows end to end in {total:.1f} s: {counts}")
    met = "yes" if total <= 10 else "NO"
    return (
        f"| {rows}-row list from Oman, {len(known)} people already registered | {uploaded:.1f} "
        f"| {total - uploaded:.1f} | {total:.1f} | ≤ 10 s | {met} |\n\nRows: {_counts(counts)}."
    )


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{RowStatus(k).label.lower()} {n}" for k, n in sorted(counts.items()))


def _memory(phase: dict[str, Any]) -> str:
    return f"{phase['start_mib']:.0f} → {phase['peak_mib']:.0f}"


def _stream_line(officer: User, size: int, path: Path, run_import: bool) -> str:
    source = _source(officer, str(size))
    up = _child("upload", str(source.pk), str(path))
    cells = f"{up['seconds']:.1f} | {size / up['seconds']:.0f} | {_memory(up)}"
    if run_import:
        imp = _child("import", str(up["manifest"]))
        cells += f" | {imp['seconds']:.0f} | {size / imp['seconds']:.0f} | {_memory(imp)}"
    else:
        cells += " | — | — | —"
    return f"| {size:,} | {path.stat().st_size / 2**20:.1f} | {cells} |"


def streaming(officer: User, sizes: list[int], run_import: bool, log: Callable[[str], None]) -> str:
    lines = [
        "Resident memory of the process at the start of the phase → highest during it (MiB).\n",
        "| rows | file MiB | upload s | upload rows/s | upload RSS MiB | import s | "
        "import rows/s | import RSS MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"list-{size}.csv"
            _write(path, _rows(ManifestSpec(rows=size, seed=100 + size, on=ON), [], rng))
            lines.append(_stream_line(officer, size, path, run_import))
            log(lines[-1])
            path.unlink()
    return "\n".join(lines)


def run(log: Callable[[str], None]) -> str:
    persons = int(os.environ.get("HTMS_BENCH_PERSONS", "1000000"))
    rows = int(os.environ.get("HTMS_BENCH_INTAKE_ROWS", "500"))
    sizes_env = os.environ.get("HTMS_BENCH_STREAM_SIZES", "5000,20000,50000")
    sizes = [int(s) for s in sizes_env.split(",") if s]
    run_import = os.environ.get("HTMS_BENCH_STREAM_IMPORT", "1") == "1"
    log(f"register of {persons:,} persons")
    load(cases=0, persons=persons, log=log)
    officer = _officer()
    e2e = end_to_end(officer, rows, log)
    stream = streaming(officer, sizes, run_import, log) if sizes else ""
    return (
        f"Register: {Person.objects.count():,} persons, {IdentityDocument.objects.count():,} "
        "identity documents. Exact matching on CNIC and passport during the import; fuzzy "
        "candidates are searched when an officer opens each person's screen.\n\n"
        "| what | upload s | import s | total s | goal | met |\n|---|---|---|---|---|---|\n"
        f"{e2e}\n\nLarge files, each phase in a fresh process:\n\n{stream}\n"
    )
