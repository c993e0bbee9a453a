"""The shape of a demo entry, kept free of models so the entries issue can consume it as is."""

from dataclasses import dataclass

# The demo contest's entry questions, in order (EntryQuestion.label_ko). The entry's title is the
# case name (사례명) and is not a question.
QUESTION_LABELS = ("추진배경", "주요내용", "추진성과", "확산가능성")

# Category keys used by the entry modules -> Category.name_ko in the demo contest.
CATEGORY_NAMES = {
    "central": "중앙행정기관",
    "regional": "광역·기초자치단체",
    "public": "공공기관·교육청",
}


@dataclass(frozen=True)
class DemoEntry:
    """One case an agency submits: its category, agency, title and the answer to each question."""

    category: str  # Category.name_ko of the demo contest
    agency_code: str  # Agency.code (see scoring/demo/agencies.csv)
    title: str  # 사례명: the entry title
    answers: dict[str, str]  # EntryQuestion.label_ko -> answer text


def entry(category_key: str, agency_code: str, title: str, *texts: str) -> DemoEntry:
    if len(texts) != len(QUESTION_LABELS):
        raise ValueError(f"{title}: expected {len(QUESTION_LABELS)} answers, got {len(texts)}")
    return DemoEntry(
        category=CATEGORY_NAMES[category_key],
        agency_code=agency_code,
        title=title,
        answers=dict(zip(QUESTION_LABELS, texts, strict=True)),
    )
