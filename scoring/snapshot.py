"""The frozen snapshot of a finalized round: canonical JSON with a SHA-256 digest (pure, no ORM).

Canonical form: UTF-8 JSON, keys sorted, no spaces, every decimal number written as a string (so
no float ever rounds a score). The digest is the SHA-256 of the canonical form of the snapshot
without its `digest` field. Anyone holding the file can recompute both the results (from
`inputs`, with scoring.outcome.compute) and the digest: `python manage.py verify_results FILE`.
"""

import hashlib
import json

from scoring.outcome import compute

FORMAT = "simsa-result/1"


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest_of(body: dict) -> str:
    return hashlib.sha256(canonical({k: v for k, v in body.items() if k != "digest"})).hexdigest()


def freeze(inputs: dict, results: dict | None = None) -> tuple[str, str]:
    """(canonical JSON text including its digest, digest)."""
    body = {"format": FORMAT, "inputs": inputs, "results": results or compute(inputs)}
    body["digest"] = digest_of(body)
    return canonical(body).decode(), body["digest"]


def differences(stored, fresh, path: str = "results") -> list[str]:
    """Where two JSON values differ, as readable paths (at most 20)."""
    out: list[str] = []
    _diff(stored, fresh, path, out)
    return out[:20]


def _diff(a, b, path: str, out: list[str]) -> None:
    if len(out) >= 20:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            _diff(a.get(key), b.get(key), f"{path}.{key}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, f"{path}[{index}]", out)
    elif a != b:
        out.append(
            f"{path}: {json.dumps(a, ensure_ascii=False)} ≠ {json.dumps(b, ensure_ascii=False)}"
        )


def verify(text: str) -> dict:
    """Check a snapshot file: {"ok", "digest_ok", "results_ok", "stored", "computed",
    "differences"}. Raises ValueError when the text is not a snapshot at all."""
    try:
        body = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error}") from error
    if not isinstance(body, dict) or body.get("format") != FORMAT or "inputs" not in body:
        raise ValueError(f"not a {FORMAT} snapshot")
    computed = digest_of(body)
    try:
        fresh = compute(body["inputs"])
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise ValueError(f"the inputs cannot be computed: {error!r}") from error
    diffs = differences(body.get("results"), fresh)
    return {
        "ok": computed == body.get("digest") and not diffs,
        "digest_ok": computed == body.get("digest"),
        "results_ok": not diffs,
        "stored": body.get("digest"),
        "computed": computed,
        "differences": diffs,
    }
