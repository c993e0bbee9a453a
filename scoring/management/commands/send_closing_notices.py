"""`manage.py send_closing_notices`: email every judge who still has unfinished scorecards in a
round that closes within 24 hours, once per judge and round (scoring.services.closing_notices).
Safe to run as often as wanted and beside other runs; cron: `*/15 * * * *`."""

from django.core.management.base import BaseCommand

from scoring.services.closing_notices import closing_notices_send


class Command(BaseCommand):
    help = (
        "Email each judge with unfinished scorecards in a round closing within 24 hours "
        "(once per judge and round). Run it every 15 minutes from cron."
    )

    def handle(self, *args, **options):
        sent = closing_notices_send()
        for notified in sent:
            self.stdout.write(
                f"{notified.judge.user.email}: {notified.round.contest.name_ko} "
                f"{notified.round.name_ko} ({notified.unfinished})"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} notice(s) sent."))
