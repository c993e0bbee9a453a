"""Automatic assignment of judges to entries: plain data in, plain data out, no ORM.

Inputs
- entries: (entry_id, category_id, agency_id) of the round's eligible entries.
- judges: the round's pool (the caller passes the judges of the round's panels when the round has
  panels, else every judge of the contest), each (judge_id, agency_id or None, category_ids).
- per_entry: how many judges each entry must have in the round.
- existing: (judge_id, entry_id) pairs already assigned in the round. They are kept untouched,
  count towards the entry's judges and towards the judge's load, and are never moved.
- conflicts: (judge_id, entry_id) pairs that must never be assigned (기피 · 회피 · recorded 제척).

A judge is *eligible* for an entry when
  1. the judge is not of the entry's agency (제척, automatic),
  2. the pair is not in `conflicts`,
  3. the judge declared no expertise categories, or the entry's category is among them.

Guarantees (each is checked by tests/judging/test_assignment_properties.py on random inputs)
- Coverage: every entry ends with exactly min(per_entry, existing + eligible not yet assigned)
  judges when it had fewer than per_entry; `shortfalls[entry]` says how many are missing. An entry
  already at or above per_entry gets nothing new. Judges have no capacity limit, so a shortfall
  only ever comes from too few eligible judges.
- Safety: a new pair is always eligible, never duplicates an existing pair.
- Balance (what "loads differ by at most one" means here): the load of a judge is the number of
  their assignments in the round, existing and new. For every new pair (j, e) and every judge k
  eligible for e and not assigned to e: load(k) >= load(j) - 1. In words: no new assignment
  could be moved to another judge of the same entry's pool to narrow a gap of two or more.
  Corollary: when every judge is eligible for every entry and nothing exists yet, the largest and
  smallest loads differ by at most one.
- Determinism: inputs are sorted; every tie is broken by ids; no randomness.
- Idempotence: planning again with existing = existing + new adds nothing.

Method: entries with the fewest eligible judges first (then by id), each takes the least loaded
eligible judges (ties by judge id); then, while some new pair (j, e) has an eligible judge k not
on e with load(k) <= load(j) - 2, the pair moves to the least loaded such k. Each move lowers the
sum of squared loads, so the loop ends.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class EntryInput:
    entry_id: int
    category_id: int
    agency_id: int


@dataclass(frozen=True, order=True)
class JudgeInput:
    judge_id: int
    agency_id: int | None = None
    category_ids: frozenset[int] = field(default_factory=frozenset)


Pair = tuple[int, int]  # (judge_id, entry_id)


@dataclass(frozen=True)
class Plan:
    new: tuple[Pair, ...]
    shortfalls: dict[int, int]
    loads_before: dict[int, int]
    loads_after: dict[int, int]
    digest: str


def is_eligible(judge: JudgeInput, entry: EntryInput, conflicts: frozenset[Pair]) -> bool:
    if judge.agency_id is not None and judge.agency_id == entry.agency_id:
        return False
    if (judge.judge_id, entry.entry_id) in conflicts:
        return False
    return not judge.category_ids or entry.category_id in judge.category_ids


def _normalize(entries, judges, existing, conflicts):
    entries = sorted({EntryInput(*e) if not isinstance(e, EntryInput) else e for e in entries})
    judges = sorted(
        {
            j
            if isinstance(j, JudgeInput)
            else JudgeInput(j[0], j[1], frozenset(j[2] if len(j) > 2 else ()))
            for j in judges
        }
    )
    return entries, judges, frozenset(existing), frozenset(conflicts)


def plan_digest(entries, judges, *, per_entry: int, existing, conflicts, new) -> str:
    """A fingerprint of the situation and the proposal: applying checks that nothing changed."""
    payload = {
        "entries": [[e.entry_id, e.category_id, e.agency_id] for e in entries],
        "judges": [[j.judge_id, j.agency_id, sorted(j.category_ids)] for j in judges],
        "per_entry": per_entry,
        "existing": sorted(existing),
        "conflicts": sorted(conflicts),
        "new": sorted(new),
    }
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def plan_assignments(
    entries: Iterable,
    judges: Iterable,
    *,
    per_entry: int,
    existing: Iterable[Pair] = (),
    conflicts: Iterable[Pair] = (),
) -> Plan:
    entries, judges, existing, conflicts = _normalize(entries, judges, existing, conflicts)
    judge_ids = {j.judge_id for j in judges}
    loads: dict[int, int] = dict.fromkeys(sorted(judge_ids), 0)
    on_entry: dict[int, set[int]] = defaultdict(set)
    for judge_id, entry_id in existing:
        on_entry[entry_id].add(judge_id)
        if judge_id in loads:
            loads[judge_id] += 1
    loads_before = dict(loads)

    pool = {
        e.entry_id: [j.judge_id for j in judges if is_eligible(j, e, conflicts)] for e in entries
    }
    order = sorted(entries, key=lambda e: (len(pool[e.entry_id]), e.entry_id))
    new: set[Pair] = set()
    shortfalls: dict[int, int] = {}
    for entry in order:
        eid = entry.entry_id
        need = max(0, per_entry - len(on_entry[eid]))
        free = [jid for jid in pool[eid] if jid not in on_entry[eid]]
        free.sort(key=lambda jid: (loads[jid], jid))
        for jid in free[:need]:
            new.add((jid, eid))
            on_entry[eid].add(jid)
            loads[jid] += 1
        if need > len(free):
            shortfalls[eid] = need - len(free)

    _balance(new, pool, on_entry, loads)
    ordered_new = tuple(sorted(new, key=lambda pair: (pair[1], pair[0])))
    digest = plan_digest(
        entries, judges, per_entry=per_entry, existing=existing, conflicts=conflicts, new=new
    )
    return Plan(
        new=ordered_new,
        shortfalls=shortfalls,
        loads_before=loads_before,
        loads_after=dict(loads),
        digest=digest,
    )


def _balance(new: set[Pair], pool, on_entry, loads) -> None:
    """Move new pairs from heavy to light judges of the same entry pool until none can move."""
    moved = True
    while moved:
        moved = False
        for jid, eid in sorted(new, key=lambda pair: (-loads[pair[0]], pair[1], pair[0])):
            if (jid, eid) not in new:
                continue
            lighter = [
                k for k in pool[eid] if k not in on_entry[eid] and loads[k] <= loads[jid] - 2
            ]
            if not lighter:
                continue
            target = min(lighter, key=lambda k: (loads[k], k))
            new.remove((jid, eid))
            new.add((target, eid))
            on_entry[eid].discard(jid)
            on_entry[eid].add(target)
            loads[jid] -= 1
            loads[target] += 1
            moved = True
