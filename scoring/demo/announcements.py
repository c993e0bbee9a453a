"""The demo's announcement: the organizer of 2026 정부혁신 우수사례 경진대회 has told every
participating agency that the written review is under way, so an agency's members (the demo
agency login) find a notice on "우리 기관 사례" and the organizer a sent announcement with its
counts. Sent through the service the compose page uses, with a fixed form key: a second run
finds it and sends nothing."""

import uuid

from contests.models import Contest
from scoring.demo.base import Tally
from scoring.models import Announcement
from scoring.selectors.announcements import Target
from scoring.services.announcements import announcement_send

KEY = uuid.UUID("5f1d3c1e-2026-4a6e-9c1b-7d0e5a1b2c3d")
TITLE = "1차 서면심사 진행 안내"
BODY = (
    "2026 정부혁신 우수사례 경진대회에 사례를 제출해 주셔서 감사합니다.\n"
    "제출된 사례는 현재 1차 서면심사 중입니다. 서면심사 결과가 확정되면 2차 발표심사에 진출하는 "
    "기관에 발표 일정과 자료 제출 방법을 따로 안내해 드리겠습니다.\n\n"
    "문의 사항은 경진대회 주관기관 담당자에게 연락하여 주십시오."
)


def build_announcements(tally: Tally, *, contest: Contest, organizer) -> None:
    sent = announcement_send(
        contest=contest,
        target=Target(Announcement.Audience.ALL),
        title=TITLE,
        body=BODY,
        key=KEY,
        by=organizer,
    )
    if sent.created:
        tally.count(Announcement)
