"""Request bodies the benchmarks send, without Django (the locust file imports them too)."""


def three_party_case(i: int, statute_code: str) -> dict[str, object]:
    """A case to register through the API: a victim, an accused and a witness, new to the
    register, each with a CNIC made from ``i`` (distinct ``i``, distinct persons)."""

    def person(name: str, cnic: str) -> dict[str, object]:
        return {"full_name": name, "sex": "M", "documents": [{"kind": "cnic", "number": cnic}]}

    return {
        "origin": "complaint",
        "statutes": [statute_code],
        "summary": "Benchmark case",
        "parties": [
            {
                "role": "victim",
                "person": person(f"Bench Victim {i}", f"35202{i:07d}1"),
                "trafficking_status": "possible",
            },
            {
                "role": "accused",
                "accused_status": "arrested",
                "person": person(f"Bench Agent {i}", f"35202{i:07d}3"),
            },
            {"role": "witness", "person": person(f"Bench Witness {i}", f"35202{i:07d}5")},
        ],
        "route": [{"kind": "recruitment", "country": "PK"}],
    }
