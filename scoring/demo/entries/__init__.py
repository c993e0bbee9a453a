"""About 60 demo case entries (titles and answers) for "2026 정부혁신 우수사례 경진대회".

There is no Entry model yet: the entries issue turns these into entries (receipt numbers, status
submitted) for the demo contest. Each `DemoEntry` names its category (Category.name_ko), agency
(Agency.code) and title, and maps every question label (EntryQuestion.label_ko) to its answer.

The texts are invented for the demo; the five titles listed in shared/data/README.md are real case
titles from past competitions: 장애인 고용 무지개, 전자통관시스템 유니패스 해외 수출,
빅데이터로 살고 싶은 집 찾기, 찾아라! 119 지름길, 전자정부 업무 클라우드 통합.
"""

from scoring.demo.entries.base import CATEGORY_NAMES, QUESTION_LABELS, DemoEntry
from scoring.demo.entries.central import CENTRAL
from scoring.demo.entries.public import PUBLIC
from scoring.demo.entries.regional import REGIONAL

ENTRIES: tuple[DemoEntry, ...] = CENTRAL + REGIONAL + PUBLIC

__all__ = ["CATEGORY_NAMES", "ENTRIES", "QUESTION_LABELS", "DemoEntry"]
