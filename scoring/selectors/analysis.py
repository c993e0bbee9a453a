"""What the organizer's analysis pages analyse: a finalized round's frozen inputs (the live ones
are then not built), else the inputs as they are now; and the robustness report of those inputs,
kept in Django's cache under the SHA-256 digest of their canonical JSON (scoring.snapshot), so
that it is computed once for a finalized round and again for a live one only when its inputs
change.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from scoring.robustness import robustness
from scoring.selectors.frozen import frozen
from scoring.selectors.result_labels import Names
from scoring.selectors.results import result_in_force, round_inputs
from scoring.snapshot import canonical

# Part of the cache key: raise it when scoring.robustness or scoring.outcome changes what they
# return for the same inputs, so that no report computed by the old code is shown.
REPORT_VERSION = 1
LIVE_SECONDS = 24 * 60 * 60  # a live round's report; a finalized round's is kept until evicted


@dataclass
class Analysed:
    inputs: dict
    names: Names
    finalized: bool


def analysed(round_, rounds: list) -> Analysed:
    """The inputs to analyse (frozen when finalized) and the names to show."""
    result = result_in_force(round_)
    if result is not None:
        result.round = round_
        kept = frozen(result)
        inputs, judges, entries = kept.inputs, kept.judges, kept.entries
    else:
        data = round_inputs(round_)
        inputs, judges, entries = data.inputs, data.judges, data.entries
    names = Names(inputs, judges=judges, entries=entries, rounds=rounds)
    return Analysed(inputs, names, result is not None)


def report_key(inputs: dict) -> str:
    digest = hashlib.sha256(canonical(inputs)).hexdigest()
    return f"robustness:{REPORT_VERSION}:{digest}"


def robustness_report(data: Analysed) -> dict:
    """scoring.robustness.robustness(data.inputs), from the cache when these inputs were
    analysed before."""
    key = report_key(data.inputs)
    report = cache.get(key)
    if report is None:
        report = robustness(data.inputs)
        cache.set(key, report, None if data.finalized else LIVE_SECONDS)
    return report
