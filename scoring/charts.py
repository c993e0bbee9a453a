"""Server-side SVG charts (pure: a string in, a string out; no ORM, no scripts, no external refs).

`judge_chart` draws one judge's score distribution as a histogram on the rubric's scale
(0 … rubric total, BINS equal bins, the last one closed), with the round's mean as a dashed line
and the judge's own mean as a solid one. Every text is escaped (xml.sax.saxutils), colours and
lines are SVG presentation attributes (no style attribute: our CSP forbids inline styles), and the
viewBox is fixed (no width or height: the container sizes it), so the same string works inline
in a page and in a PDF. It is an image for assistive technology (role="img") named by its <title>
and described, bin by bin, in its <desc>.
"""

from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

BINS = 10
WIDTH, HEIGHT = 320, 184
LEFT, RIGHT, TOP, BOTTOM = 34, 306, 14, 118  # the plot area
BAR = "#256ef4"  # KRDS primary-50
ROUND_MEAN = "#d63d4a"  # KRDS point-50
JUDGE_MEAN = "#1e2124"  # KRDS gray-90
AXIS = "#6d7882"  # KRDS gray-50
FONT = "Pretendard GOV, sans-serif"
DASHED = {"stroke_width": 2, "stroke_dasharray": "5 3"}


def number(value: float, places: int = 1) -> str:
    """A value as printed on a chart: `places` decimals, without a trailing ".0"."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _x(value: float, maximum: float) -> float:
    share = min(max(value / maximum, 0.0), 1.0)
    return LEFT + share * (RIGHT - LEFT)


def counts(totals: list[float], maximum: float, bins: int = BINS) -> list[int]:
    """How many totals fall in each of `bins` equal bins of [0, maximum] (last bin closed;
    values outside the scale go to the first or last bin)."""
    out = [0] * bins
    for value in totals:
        index = int(value / maximum * bins) if maximum > 0 else 0
        out[min(max(index, 0), bins - 1)] += 1
    return out


def _attrs(**attributes) -> str:
    return " ".join(
        f"{name.replace('_', '-')}={quoteattr(str(v))}" for name, v in attributes.items()
    )


def _text(x, y, content: str, **attributes) -> str:
    return f"<text {_attrs(x=x, y=y, **attributes)}>{escape(content)}</text>"


def _line(x1, y1, x2, y2, stroke: str, **attributes) -> str:
    return f"<line {_attrs(x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, **attributes)}/>"


def _title(name: str, totals: list[float], judge_mean, round_mean) -> str:
    if not totals:
        return _("Score distribution of %(name)s: no scores.") % {"name": name}
    parts = {
        "name": name,
        "count": len(totals),
        "mean": number(judge_mean if judge_mean is not None else sum(totals) / len(totals), 2),
    }
    if round_mean is None:
        return _("Score distribution of %(name)s: %(count)s scores, mean %(mean)s.") % parts
    return _(
        "Score distribution of %(name)s: %(count)s scores, mean %(mean)s; round mean %(round)s."
    ) % {**parts, "round": number(round_mean, 2)}


def _description(bins: list[int], maximum: float) -> str:
    step = maximum / len(bins) if maximum > 0 else 0
    ranges = [
        _("%(low)s to %(high)s: %(count)s")
        % {"low": number(step * i), "high": number(step * (i + 1)), "count": count}
        for i, count in enumerate(bins)
    ]
    return "; ".join(ranges)


def judge_chart(
    totals: list[float],
    *,
    maximum: float,
    name: str,
    chart_id: str,
    judge_mean: float | None = None,
    round_mean: float | None = None,
) -> str:
    """The SVG (text) of one judge's totals on the scale 0 … maximum (see the module docstring).
    `chart_id` makes the ids of the title and description unique on the page."""
    scale = maximum if maximum > 0 else max([*totals, 1.0])
    bins = counts(totals, scale)
    tallest = max(bins) or 1
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" {_attrs(viewBox=f"0 0 {WIDTH} {HEIGHT}")} '
        f"{_attrs(role='img', aria_labelledby=title_id)} "
        f"{_attrs(aria_describedby=desc_id, font_family=FONT, font_size=11)}>",
        f"<title {_attrs(id=title_id)}>{escape(_title(name, totals, judge_mean, round_mean))}"
        "</title>",
        f"<desc {_attrs(id=desc_id)}>{escape(_description(bins, scale))}</desc>",
    ]
    width = (RIGHT - LEFT) / len(bins)
    for index, count in enumerate(bins):
        if count:
            height = count / tallest * (BOTTOM - TOP)
            box = _attrs(
                x=f"{LEFT + index * width + 1:.2f}",
                y=f"{BOTTOM - height:.2f}",
                width=f"{width - 2:.2f}",
                height=f"{height:.2f}",
                fill=BAR,
            )
            parts.append(f"<rect {box}/>")
    parts += [
        _line(LEFT, BOTTOM, RIGHT, BOTTOM, AXIS),
        _line(LEFT, TOP, LEFT, BOTTOM, AXIS),
        _text(LEFT - 4, TOP + 4, str(tallest), text_anchor="end", fill=AXIS),
        _text(LEFT - 4, BOTTOM, "0", text_anchor="end", fill=AXIS),
    ]
    for value in (0, scale / 2, scale):
        x = f"{_x(value, scale):.2f}"
        parts.append(_line(x, BOTTOM, x, BOTTOM + 4, AXIS))
        parts.append(_text(x, BOTTOM + 16, number(value), text_anchor="middle", fill=AXIS))
    legend_y = HEIGHT - 26
    if round_mean is not None:
        x = f"{_x(round_mean, scale):.2f}"
        parts.append(
            _line(x, TOP - 6, x, BOTTOM, ROUND_MEAN, stroke_width=2, stroke_dasharray="5 3")
        )
        parts.append(_line(LEFT, legend_y - 4, LEFT + 18, legend_y - 4, ROUND_MEAN, **DASHED))
        label = _("Round mean %(value)s") % {"value": number(round_mean, 2)}
        parts.append(_text(LEFT + 22, legend_y, label, fill=JUDGE_MEAN))
    if totals:
        own = judge_mean if judge_mean is not None else sum(totals) / len(totals)
        x = f"{_x(own, scale):.2f}"
        parts.append(_line(x, TOP - 6, x, BOTTOM, JUDGE_MEAN, stroke_width=2))
        y = legend_y + 16
        parts.append(_line(LEFT, y - 4, LEFT + 18, y - 4, JUDGE_MEAN, stroke_width=2))
        label = _("This judge's mean %(value)s") % {"value": number(own, 2)}
        parts.append(_text(LEFT + 22, y, label, fill=JUDGE_MEAN))
    else:
        parts.append(_text((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, _("No scores"),
                           text_anchor="middle", fill=AXIS))  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)
