"""Korean particles chosen by the name before them (issue 11, item 9): "1차 서면심사를", not
"1차 서면심사을(를)"; in pages and in emails."""

import pytest
from django.test import Client

from config.korean import resolve_particles
from config.mail import render_notification


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("1차 서면심사을(를) 삭제하시겠습니까?", "1차 서면심사를 삭제하시겠습니까?"),
        ("혁신성을(를) 삭제하시겠습니까?", "혁신성을 삭제하시겠습니까?"),
        ("평가표이(가) 제출되었습니다.", "평가표가 제출되었습니다."),
        (
            "접수번호 2026-0001은(는) 다시 부여되지 않습니다.",
            "접수번호 2026-0001은 다시 부여되지 않습니다.",
        ),
        ("2026-0002은(는)", "2026-0002는"),
        ("사례 10이(가)", "사례 10이"),  # 십
        ("사례 100이(가)", "사례 100이"),  # 백
        ("kim@univ.ac.kr(으)로 보냈습니다.", "kim@univ.ac.kr로 보냈습니다."),  # 알: ㄹ takes 로
        ("lee@judge.com(으)로 보냈습니다.", "lee@judge.com으로 보냈습니다."),  # 엠
        ("서울(으)로", "서울로"),
        ("부산(으)로", "부산으로"),
        ("세종시(으)로", "세종시로"),
        ("행정안전부과(와) 협의", "행정안전부와 협의"),
        ("“발표심사”을(를) 입력하십시오.", "“발표심사”를 입력하십시오."),
        ("'abc'은(는) 이메일 주소가 아닙니다.", "'abc'는 이메일 주소가 아닙니다."),
        ("<strong>효과성</strong>을(를)", "<strong>효과성</strong>을"),
        ("&#x27;사례&#x27;을(를)", "&#x27;사례&#x27;를"),
        ("★을(를)", "★을(를)"),  # unknown sound: both forms stay
        ("을(를) 먼저", "을(를) 먼저"),  # nothing before it
        ("괄호(예: 이것) 안의 말", "괄호(예: 이것) 안의 말"),
    ],
)
def test_the_particle_fits_the_last_sound(text, resolved):
    assert resolve_particles(text) == resolved


def test_a_korean_page_is_answered_with_resolved_particles(settings, rf):
    from django.http import HttpResponse

    from config.middleware import KoreanParticlesMiddleware

    def page(request):
        response = HttpResponse("<p>1차 서면심사을(를) 삭제하시겠습니까?</p>")
        response["Content-Language"] = "ko"
        response["Content-Length"] = "1"
        return response

    response = KoreanParticlesMiddleware(page)(rf.get("/"))
    assert response.content.decode() == "<p>1차 서면심사를 삭제하시겠습니까?</p>"
    assert response["Content-Length"] == str(len(response.content))


def test_an_english_page_or_a_file_is_left_as_it_is(rf):
    from django.http import HttpResponse

    from config.middleware import KoreanParticlesMiddleware

    def english(request):
        response = HttpResponse("서면심사을(를)")
        response["Content-Language"] = "en"
        return response

    def csv_file(request):
        response = HttpResponse("서면심사을(를)", content_type="text/csv")
        response["Content-Language"] = "ko"
        return response

    for view in (english, csv_file):
        assert KoreanParticlesMiddleware(view)(rf.get("/")).content.decode() == "서면심사을(를)"


@pytest.mark.django_db
def test_the_round_delete_page_names_the_round_with_the_right_particle(client: Client):
    """The page of the issue's example: deleting "1차 서면심사"."""
    from django.urls import reverse

    from tests import factories

    organizer = factories.OrganizerFactory()
    contest = factories.ContestFactory(organizers=[organizer])
    round_ = factories.RoundFactory(contest=contest, name_ko="1차 서면심사")
    client.force_login(organizer)
    response = client.get(reverse("contests:round_delete", args=[contest.pk, round_.pk]))
    text = response.content.decode()
    assert "1차 서면심사를" in text
    assert "을(를)" not in text


def test_an_email_in_korean_gets_the_particles_too(tmp_path, settings):
    template = tmp_path / "mail.txt"
    template.write_text("{{ round }}을(를) 마감했습니다.", encoding="utf-8")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    _subject, body = render_notification(
        body_template="mail.txt", context={"round": "2차 발표심사"}, language="ko", subject="알림"
    )
    assert body == "2차 발표심사를 마감했습니다.\n"
