"""`python manage.py results ROUND_ID [--json]`: a round's result as the pages show it.

A finalized round prints its frozen snapshot's results; a live round is computed now. `--json`
prints the engine's output (scoring.outcome.compute) for scripts; without it, a ranking table.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from contests.models import Round
from scoring.outcome import compute
from scoring.selectors.results import result_in_force, round_inputs


class Command(BaseCommand):
    help = "Print a round's results (the frozen snapshot when finalized, else computed now)."

    def add_arguments(self, parser):
        parser.add_argument("round_id", type=int)
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, round_id: int, json: bool = False, **options):
        round_ = Round.objects.select_related("contest").filter(pk=round_id).first()
        if round_ is None:
            raise CommandError(f"No round with id {round_id}.")
        result = result_in_force(round_)
        if result is not None:
            body = _loads(result.snapshot)
            payload = {"finalized": True, "digest": result.digest, **body["results"]}
        else:
            payload = {"finalized": False, "digest": None, **compute(round_inputs(round_).inputs)}
        if json:
            self.stdout.write(_dumps(payload))
            return
        state = f"finalized {payload['digest']}" if payload["finalized"] else "live, not final"
        self.stdout.write(f"{round_.contest} / {round_} ({state})")
        for row in payload["entries"]:
            rank = "—" if row["rank"] is None else f"{row['rank']}{'=' if row['shared'] else ''}"
            advanced = {True: " advanced", False: "", None: ""}[row["advanced"]]
            self.stdout.write(f"{rank:>5} {row['entry']:<16} {row['shown'] or '—':>8}{advanced}")
        for problem in payload["problems"]:
            self.stdout.write(f"problem: {_dumps(problem)}")


def _loads(text: str) -> dict:
    return json.loads(text)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
