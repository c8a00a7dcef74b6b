"""Reference parameters: what the model learned on the labelled synthetic register.

They are the starting point of every training (EM starts from them, and a step that cannot
run on the data at hand, e.g. no two records share a CNIC, keeps them) and the whole model for
inputs too small to learn from. Made deterministically by ``python -m
htms.resolution.reference`` (seed 1, 50,000 records) and shipped in ``data/``.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REFERENCE_PATH = Path(__file__).resolve().parent / "data" / "reference_model.json"
# A prior estimated on few records is noise; it is never set above this.
PRIOR_CEILING = 0.05


@dataclass(frozen=True)
class ReferenceModel:
    records: int
    prior: float
    # comparison -> level label -> (m, u)
    levels: dict[str, dict[str, tuple[float | None, float | None]]]

    def prior_for(self, records: int) -> float:
        """The prior for ``records`` records, if each record has as many true partners as in
        the reference: the number of pairs grows with the square of the records."""
        scaled = self.prior * (self.records - 1) / max(records - 1, 1)
        return min(PRIOR_CEILING, scaled)

    def apply(self, settings: dict[str, Any], records: int) -> dict[str, Any]:
        """``settings`` (a Splink settings dict) with these parameters filled in."""
        settings["probability_two_random_records_match"] = self.prior_for(records)
        for comparison in settings["comparisons"]:
            known = self.levels.get(comparison["output_column_name"], {})
            for level in comparison["comparison_levels"]:
                m, u = known.get(level.get("label_for_charts", ""), (None, None))
                if m is not None and u is not None and not level.get("is_null_level"):
                    level["m_probability"], level["u_probability"] = m, u
        return settings


def reference_from(model: dict[str, Any], records: int) -> ReferenceModel:
    levels: dict[str, dict[str, tuple[float | None, float | None]]] = {}
    for comparison in model["comparisons"]:
        named = levels[comparison["output_column_name"]] = {}
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            usable = all(v is not None and math.isfinite(v) and v > 0 for v in (m, u))
            named[level["label_for_charts"]] = (m, u) if usable else (None, None)
    return ReferenceModel(records, float(model["probability_two_random_records_match"]), levels)


def save_reference(reference: ReferenceModel, path: Path = REFERENCE_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"records": reference.records, "prior": reference.prior, "levels": reference.levels}
    path.write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_reference(path: Path = REFERENCE_PATH) -> ReferenceModel | None:
    if not path.is_file():
        return None
    body = json.loads(path.read_text(encoding="utf-8"))
    levels = {
        comparison: {label: (pair[0], pair[1]) for label, pair in named.items()}
        for comparison, named in body["levels"].items()
    }
    return ReferenceModel(int(body["records"]), float(body["prior"]), levels)


def build_reference(*, records: int = 50_000, seed: int = 1) -> ReferenceModel:
    """Trains on the labelled synthetic register (truth unused) and keeps the parameters."""
    from htms.resolution.noise import noisy_register
    from htms.resolution.pipeline import resolve

    frame = noisy_register(records=records, seed=seed)
    result = resolve(frame.drop(columns=["true_id"]), use_reference=False)
    return reference_from(result.parameters, records)


if __name__ == "__main__":
    save_reference(build_reference())
    print(f"wrote {REFERENCE_PATH}")
