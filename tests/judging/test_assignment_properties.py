"""The automatic assignment planner (scoring/assignment.py): exact cases and properties."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.assignment import EntryInput, JudgeInput, is_eligible, plan_assignments

# --- Exact cases -------------------------------------------------------------------------------


def test_uniform_pool_spreads_loads_evenly():
    entries = [EntryInput(e, 1, 100 + e) for e in range(1, 8)]  # 7 entries, own agencies
    judges = [JudgeInput(j, None) for j in (1, 2, 3)]
    plan = plan_assignments(entries, judges, per_entry=2)
    assert len(plan.new) == 14
    assert plan.shortfalls == {}
    assert plan.loads_before == {1: 0, 2: 0, 3: 0}
    assert sorted(plan.loads_after.values()) == [4, 5, 5]
    assert plan.new[:2] == ((1, 1), (2, 1))  # ties go to the lowest judge id


def test_own_agency_and_conflicts_are_never_assigned_and_shortfall_reported():
    entries = [EntryInput(1, 1, 10), EntryInput(2, 1, 20)]
    judges = [JudgeInput(1, 10), JudgeInput(2, 20), JudgeInput(3, None)]
    plan = plan_assignments(entries, judges, per_entry=2, conflicts={(3, 2)})
    assert plan.new == ((2, 1), (3, 1), (1, 2))
    assert plan.shortfalls == {2: 1}


def test_expertise_categories_limit_the_pool():
    entries = [EntryInput(1, 1, 10), EntryInput(2, 2, 10)]
    judges = [JudgeInput(1, None, frozenset({1})), JudgeInput(2, None, frozenset({2}))]
    plan = plan_assignments(entries, judges, per_entry=1)
    assert plan.new == ((1, 1), (2, 2))


def test_existing_pairs_are_kept_and_counted():
    entries = [EntryInput(1, 1, 10), EntryInput(2, 1, 10)]
    judges = [JudgeInput(1, None), JudgeInput(2, None)]
    plan = plan_assignments(entries, judges, per_entry=1, existing={(1, 1)})
    assert plan.new == ((2, 2),)
    assert plan.loads_before == {1: 1, 2: 0}
    assert plan.loads_after == {1: 1, 2: 1}


def test_entry_already_full_gets_nothing():
    plan = plan_assignments(
        [EntryInput(1, 1, 10)],
        [JudgeInput(1), JudgeInput(2), JudgeInput(3)],
        per_entry=1,
        existing={(1, 1), (2, 1)},
    )
    assert plan.new == ()
    assert plan.shortfalls == {}


def test_digest_changes_with_the_situation():
    entries = [EntryInput(1, 1, 10)]
    judges = [JudgeInput(1), JudgeInput(2)]
    one = plan_assignments(entries, judges, per_entry=1)
    assert one.digest == plan_assignments(list(reversed(entries)), judges, per_entry=1).digest
    assert one.digest != plan_assignments(entries, judges, per_entry=2).digest
    assert one.digest != plan_assignments(entries, judges, per_entry=1, conflicts={(1, 1)}).digest


def test_plain_tuples_are_accepted():
    plan = plan_assignments([(1, 1, 10)], [(1, None, ()), (2, 10, ())], per_entry=2)
    assert plan.new == ((1, 1),)
    assert plan.shortfalls == {1: 1}


# --- Properties --------------------------------------------------------------------------------


@st.composite
def situations(draw):
    n_entries = draw(st.integers(min_value=0, max_value=25))
    entries = [
        EntryInput(e, draw(st.integers(1, 3)), draw(st.integers(1, 5)))
        for e in range(1, n_entries + 1)
    ]
    n_judges = draw(st.integers(min_value=0, max_value=10))
    judges = [
        JudgeInput(
            j,
            draw(st.none() | st.integers(1, 5)),
            frozenset(draw(st.sets(st.integers(1, 3), max_size=2))),
        )
        for j in range(1, n_judges + 1)
    ]
    pairs = st.tuples(st.integers(1, max(n_judges, 1)), st.integers(1, max(n_entries, 1)))
    conflicts = draw(st.sets(pairs, max_size=15))
    per_entry = draw(st.integers(min_value=1, max_value=5))
    # Existing assignments respect the rules (they were made by earlier runs or by hand).
    candidates = [
        (j.judge_id, e.entry_id)
        for e in entries
        for j in judges
        if is_eligible(j, e, frozenset(conflicts))
    ]
    existing = draw(st.sets(st.sampled_from(candidates), max_size=10)) if candidates else set()
    return entries, judges, per_entry, existing, conflicts


def _run(situation):
    entries, judges, per_entry, existing, conflicts = situation
    return plan_assignments(
        entries, judges, per_entry=per_entry, existing=existing, conflicts=conflicts
    )


@settings(max_examples=300, deadline=None)
@given(situations())
def test_constraints_hold(situation):
    entries, judges, per_entry, existing, conflicts = situation
    plan = _run(situation)
    by_id = {j.judge_id: j for j in judges}
    new = set(plan.new)
    assert len(new) == len(plan.new)
    assert not new & set(existing)
    for judge_id, entry_id in new:
        entry = next(e for e in entries if e.entry_id == entry_id)
        assert is_eligible(by_id[judge_id], entry, frozenset(conflicts))
        assert by_id[judge_id].agency_id != entry.agency_id
        assert (judge_id, entry_id) not in conflicts

    # Coverage: exactly min(per_entry, existing + eligible free) judges, shortfall says the rest.
    for entry in entries:
        have = {j for j, e in existing if e == entry.entry_id}
        eligible_free = {
            j.judge_id
            for j in judges
            if is_eligible(j, entry, frozenset(conflicts)) and j.judge_id not in have
        }
        got = {j for j, e in new if e == entry.entry_id}
        need = max(0, per_entry - len(have))
        assert len(got) == min(need, len(eligible_free))
        assert plan.shortfalls.get(entry.entry_id, 0) == need - len(got)

    # Loads: before = existing per judge, after = before + new per judge.
    before = Counter(j for j, _e in existing)
    added = Counter(j for j, _e in new)
    assert plan.loads_before == {j.judge_id: before[j.judge_id] for j in judges}
    assert plan.loads_after == {j.judge_id: before[j.judge_id] + added[j.judge_id] for j in judges}

    # Balance: no new pair (j, e) has an eligible judge k, not on e, with load(k) <= load(j) - 2.
    load = plan.loads_after
    assigned = set(existing) | new
    for judge_id, entry_id in new:
        entry = next(e for e in entries if e.entry_id == entry_id)
        for other in judges:
            if (other.judge_id, entry_id) in assigned:
                continue
            if is_eligible(other, entry, frozenset(conflicts)):
                assert load[other.judge_id] >= load[judge_id] - 1


@settings(max_examples=200, deadline=None)
@given(situations())
def test_deterministic_whatever_the_input_order(situation):
    entries, judges, per_entry, existing, conflicts = situation
    first = _run(situation)
    again = plan_assignments(
        list(reversed(entries)),
        list(reversed(judges)),
        per_entry=per_entry,
        existing=list(existing)[::-1],
        conflicts=list(conflicts)[::-1],
    )
    assert again == first


@settings(max_examples=200, deadline=None)
@given(situations())
def test_running_again_on_the_result_adds_nothing(situation):
    entries, judges, per_entry, existing, conflicts = situation
    plan = _run(situation)
    again = plan_assignments(
        entries,
        judges,
        per_entry=per_entry,
        existing=set(existing) | set(plan.new),
        conflicts=conflicts,
    )
    assert again.new == ()
    assert again.shortfalls == plan.shortfalls
    assert again.loads_before == plan.loads_after


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=4),
)
def test_uniform_pool_loads_differ_by_at_most_one(n_entries, n_judges, per_entry):
    entries = [EntryInput(e, 1, 1000 + e) for e in range(1, n_entries + 1)]
    judges = [JudgeInput(j, None) for j in range(1, n_judges + 1)]
    plan = plan_assignments(entries, judges, per_entry=per_entry)
    loads = plan.loads_after.values()
    assert max(loads) - min(loads) <= 1
    assert sum(loads) == n_entries * min(per_entry, n_judges)


def test_large_input_is_fast_enough():
    entries = [EntryInput(e, e % 3, e % 290) for e in range(1, 901)]
    judges = [JudgeInput(j, j % 290 if j % 2 else None, frozenset()) for j in range(1, 61)]
    plan = plan_assignments(entries, judges, per_entry=5)
    assert len(plan.new) == 4500
    loads = plan.loads_after.values()
    assert max(loads) - min(loads) <= 1
