"""A finalized round as it was frozen: the snapshot's inputs and results, with the Judge behind
each pseudonym (RoundResult.judges, kept outside the snapshot) and the Entry behind each receipt
number, for the organizer's pages (three queries)."""

import json
from dataclasses import dataclass

from scoring.models import Judge, RoundResult
from submissions.models import Entry


@dataclass
class Frozen:
    inputs: dict
    results: dict
    judges: dict  # "J1" → Judge
    entries: dict  # receipt number → Entry


def frozen(result: RoundResult) -> Frozen:
    body = json.loads(result.snapshot)
    by_id = Judge.objects.select_related("user").in_bulk(list(result.judges.values()))
    judges = {name: by_id[pk] for name, pk in result.judges.items() if pk in by_id}
    receipts = [entry["key"] for entry in body["inputs"]["entries"]]
    entries = {
        e.receipt_number: e
        for e in Entry.objects.filter(
            contest_id=result.round.contest_id, receipt_number__in=receipts
        ).select_related("category")
    }
    return Frozen(body["inputs"], body["results"], judges, entries)
