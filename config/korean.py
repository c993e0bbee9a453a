"""Korean particles after a name that is only known when the page is made.

A Korean sentence about a value ("%(name)s을(를) 삭제하시겠습니까?") needs the particle that fits
the value's last sound: "1차 서면심사를", "혁신성을". The catalogue writes both forms, as Korean
translators do ("을(를)"), and `resolve_particles` chooses one once the value is in the text:
from the final consonant (받침) of the last Hangul syllable, of the digit or number as read
("10" 십, "3" 삼) or of the Latin letter as named ("kr" 알, "com" 엠). Quotation marks, closing
brackets, HTML tags and character references between the value and the particle are looked
through. Where the sound is unknown (a symbol), both forms stay, which is still correct Korean.

Applied to every Korean HTML answer (config.middleware.KoreanParticlesMiddleware) and to every
email (config.mail.render_notification).
"""

import re

# Each marker: (with a final consonant, without one). "(으)로" also takes 로 after ㄹ.
_MARKERS = {
    "을(를)": ("을", "를"),
    "를(을)": ("을", "를"),
    "이(가)": ("이", "가"),
    "가(이)": ("이", "가"),
    "은(는)": ("은", "는"),
    "는(은)": ("은", "는"),
    "과(와)": ("과", "와"),
    "와(과)": ("과", "와"),
    "(으)로": ("으로", "로"),
    "으로(로)": ("으로", "로"),
}
_MARKER = re.compile("|".join(re.escape(marker) for marker in _MARKERS))
# What may stand between the value and its particle: closing quotes and brackets, spaces, HTML
# tags and character references (an escaped quote is "&#x27;" or "&quot;").
_BETWEEN = re.compile(r"(?:</?[A-Za-z][^<>]*>|&#?\w+;|[\u201d\u2019\"'\u300d\u300f)\]\s])+$")

_LOOK_BACK = 300  # characters read back from a particle: the value's end and what follows it
_RIEUL = 8  # the index of the final ㄹ among Hangul's 28 final consonants (0: none)
# Digits as read (일, 이, 삼 …): the final consonant's index, 0 for none.
_DIGITS = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
# Trailing zeros of a number as read: 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ) and above.
_TENS = {1: 17, 2: 1, 3: 4}
# Latin letters as named: only el, em, en and ar end in a consonant.
_LETTERS = {"l": _RIEUL, "r": _RIEUL, "m": 16, "n": 4}


def _final(text: str) -> int | None:
    """The final consonant's index of the sound `text` ends with; None when unknown."""
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28
    if last.isdigit() and last.isascii():
        number = re.search(r"[0-9]+$", text).group()
        zeros = len(number) - len(number.rstrip("0"))
        if zeros and number.strip("0"):
            return _TENS.get(zeros, 4)
        return _DIGITS[last]
    if last.isascii() and last.isalpha():
        return _LETTERS.get(last.lower(), 0)
    return None


def resolve_particles(text: str) -> str:
    """`text` with each "을(를)", "이(가)", "은(는)", "과(와)", "(으)로" after a word replaced by
    the particle the word's last sound takes."""
    if "(" not in text:
        return text

    def choose(match: re.Match) -> str:
        before = _BETWEEN.sub("", text[max(0, match.start() - _LOOK_BACK) : match.start()])
        if not before:
            return match.group()
        final = _final(before)
        if final is None:
            return match.group()
        marker = match.group()
        with_final, without = _MARKERS[marker]
        if marker.endswith("로") and final == _RIEUL:
            return without
        return with_final if final else without

    return _MARKER.sub(choose, text)
