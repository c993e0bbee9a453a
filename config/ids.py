"""Database ids read from URLs and form data: one parser for every view and form.

Ids are positive 64-bit integers (1 … 2**63-1, PostgreSQL's bigint and SQLite's INTEGER). A
larger number cannot name a row: in a URL it is a 404 (the `<id:…>` converter does not match);
in form data `parse_id` answers None. Without this, SQLite raises OverflowError past 64 bits and
Python's `int()` raises ValueError past 4,300 digits, and both became server errors.

Every urls module imports this module, which registers the converter once:
`path("<id:pk>/", …)`.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))  # 19


def parse_int(value, *, low: int, high: int) -> int | None:
    """`value` (text of ASCII digits, or an int) as an int within [low, high], else None.

    Only plain digits are accepted: no sign, no spaces, no full-width or other non-ASCII
    digits, and no more digits than `high` has, so nothing huge is ever converted.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = value if isinstance(value, str) else str(value or "")
        if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > len(str(high)):
            return None
        number = int(text)
    return number if low <= number <= high else None


def parse_id(value) -> int | None:
    """A database id (1 … 2**63-1) from a URL or form value, or None when it cannot be one."""
    return parse_int(value, low=1, high=MAX_ID)


class IdConverter:
    """`<id:name>`: 1 to 19 digits naming a 64-bit id; anything else does not match (404)."""

    regex = f"[0-9]{{1,{_MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the URL does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
