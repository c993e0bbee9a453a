"""Demo agencies, users and roles: a site admin, an organizer, two agency members and 12 judges."""

import csv
import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import User
from contests.models import Contest
from scoring.demo.base import Tally
from scoring.models import Judge, JudgeInvitation
from scoring.pledges import PLEDGE_VERSION
from submissions.models import Agency, AgencyMembership

DEMO_PASSWORD = "simsa-demo-2026!"  # noqa: S105 - published on purpose: the demo's one password
DOMAIN = "demo.example.kr"
AGENCIES_CSV = Path(__file__).with_name("agencies.csv")

# The 40 agencies of the demo (codes in agencies.csv): 20 central, 8 metropolitan, 5 local,
# 2 offices of education, 5 public institutions.
AGENCY_CODES = (
    "MOIS", "MOEF", "MOE", "MSIT", "MOHW", "MOEL", "MOLIT", "ME", "MPM", "MFDS",
    "NTS", "KCS", "PPS", "KOSTAT", "MMA", "KNPA", "NFA", "KMA", "KDCA", "KIPO",
    "SEOUL", "BUSAN", "DAEGU", "INCHEON", "GYEONGGI", "SEJONG", "JEJU", "CHUNGNAM",
    "GEOJE", "SUWON", "SEONGNAM", "JEONJU", "GANGNAM",
    "SEOUL_EDU", "GYEONGGI_EDU",
    "KEAD", "NIA", "NHIS", "LH", "KEPCO",
)  # fmt: skip

OFFICER_AGENCY = "MOIS"

# (email local part, name, affiliation agency code or "", expertise)
JUDGES = [
    ("judge01", "김민준", "", "서울대학교 행정대학원 교수 · 행정학, 정부혁신"),
    ("judge02", "이서연", "", "한국행정연구원 선임연구위원 · 공공서비스 혁신"),
    ("judge03", "박지훈", "", "KAIST 과학기술정책대학원 교수 · 디지털 정부"),
    ("judge04", "최수아", "NIA", "한국지능정보사회진흥원 수석연구원 · 공공데이터"),
    ("judge05", "정도윤", "", "연세대학교 행정학과 교수 · 서비스 디자인"),
    ("judge06", "강하은", "", "고려대학교 행정학과 교수 · 성과관리"),
    ("judge07", "조예준", "", "한국개발연구원 연구위원 · 정책평가"),
    ("judge08", "윤지우", "", "경희대학교 공공대학원 교수 · 지방자치"),
    ("judge09", "장서준", "NHIS", "국민건강보험공단 빅데이터전략본부 부장 · 보건복지 데이터"),
    ("judge10", "임채원", "", "성균관대학교 국정전문대학원 교수 · 규제혁신"),
    ("judge11", "한유진", "", "서울연구원 연구위원 · 도시·교통정책"),
    ("judge12", "오태현", "SEOUL", "서울특별시 디지털정책관 · 스마트도시"),
]


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    name: str
    password: str = DEMO_PASSWORD


def load_agencies(tally: Tally) -> dict[str, Agency]:
    with AGENCIES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = {row["code"]: row for row in csv.DictReader(handle)}
    agencies = {}
    for code in AGENCY_CODES:
        row = rows[code]
        agencies[code] = tally.get_or_create(
            Agency,
            code=code,
            defaults={"name_ko": row["name_ko"], "name_en": row["name_en"], "kind": row["kind"]},
        )
    return agencies


class DemoUsers:
    """Creates demo users with the one demo password, hashing it at most once per run."""

    def __init__(self, tally: Tally):
        self.tally = tally
        self._hash = ""

    def get(self, local: str, name: str, **flags) -> User:
        email = f"{local}@{DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            self._hash = self._hash or make_password(DEMO_PASSWORD)
            user = self.tally.get_or_create(
                User, email=email, defaults={"name": name, "password": self._hash, **flags}
            )
        self.tally.get_or_create(
            EmailAddress, user=user, email=email, defaults={"primary": True, "verified": True}
        )
        return user


def build_people(tally: Tally, *, contest: Contest, agencies: dict[str, Agency]) -> list[Login]:
    users = DemoUsers(tally)
    admin = users.get("admin", "한지원", is_staff=True, is_superuser=True)
    organizer = users.get("organizer", "오주관", is_organizer=True)
    contest.organizers.add(organizer)

    officer = users.get("officer", "박기관")
    colleague = users.get("officer2", "이담당")
    agency = agencies[OFFICER_AGENCY]
    tally.get_or_create(AgencyMembership, agency=agency, user=officer, defaults={"is_admin": True})
    tally.get_or_create(
        AgencyMembership, agency=agency, user=colleague, defaults={"added_by": officer}
    )

    logins = [
        Login("site admin", admin.email, admin.name),
        Login("organizer", organizer.email, organizer.name),
        Login(f"agency admin ({agency.code})", officer.email, officer.name),
        Login(f"agency member ({agency.code})", colleague.email, colleague.name),
    ]
    for local, name, affiliation, expertise in JUDGES:
        user = users.get(local, name)
        judge = tally.get_or_create(
            Judge,
            contest=contest,
            user=user,
            defaults={"affiliation": agencies.get(affiliation), "expertise": expertise},
        )
        _accepted_invitation(tally, judge, organizer)
        logins.append(Login("judge", user.email, user.name))
    return logins


def _accepted_invitation(tally: Tally, judge: Judge, organizer: User) -> None:
    """The invitation the judge accepted, with both pledges signed, when the contest opened."""
    signed = judge.contest.submission_opens_at
    tally.get_or_create(
        JudgeInvitation,
        contest=judge.contest,
        email=judge.user.email,
        defaults={
            "name": judge.user.name,
            "affiliation": judge.affiliation,
            "expertise": judge.expertise,
            "token": secrets.token_urlsafe(32),
            "invited_by": organizer,
            "accepted_at": signed,
            "security_pledge_at": signed,
            "conflict_pledge_at": signed,
            "pledge_version": PLEDGE_VERSION,
            "judge": judge,
        },
    )
