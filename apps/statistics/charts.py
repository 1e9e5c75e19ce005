"""Server-rendered SVG line charts (no script, CSP-safe). Every chart is shown next to a table of its numbers."""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 64
# Colours with enough contrast on white, and dash patterns so lines differ without colour too.
STYLES = [
    ("#1d4ed8", ""),
    ("#b45309", "6 4"),
    ("#047857", "2 3"),
    ("#7c3aed", "10 3 2 3"),
    ("#be123c", "4 2"),
]


@dataclass
class Series:
    label: str
    points: list[tuple[int, float | None]]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def _fmt(number: float) -> str:
    if abs(number) >= 100:
        return f"{number:,.0f}".replace(",", ".")
    return f"{number:.2f}".rstrip("0").rstrip(".").replace(".", ",")


LEGEND_ROW = 18


def line_chart(
    series: list[Series],
    *,
    title: str,
    band: tuple[str, list[tuple[int, float | None, float | None]]] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> SafeString:
    """An SVG with one polyline per series (and an optional shaded band, e.g. a peer group's quartiles)."""
    xs = sorted({x for s in series for x, _ in s.points})
    values = [y for s in series for _, y in s.points if y is not None]
    if band:
        values += [v for _, lo, hi in band[1] for v in (lo, hi) if v is not None]
    if not xs or not values:
        return mark_safe("")
    top = _nice_max(max(values))
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM

    def px(x: int) -> float:
        return LEFT + (plot_w * (xs.index(x) / (len(xs) - 1)) if len(xs) > 1 else plot_w / 2)

    def py(y: float) -> float:
        return TOP + plot_h * (1 - y / top)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">'
    ]
    for i in range(5):
        value = top * i / 4
        y = py(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d1d5db" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#374151">{_fmt(value)}</text>'
        )
    for x in xs:
        parts.append(
            f'<text x="{px(x):.1f}" y="{height - BOTTOM + 16}" text-anchor="middle" font-size="11" '
            f'fill="#374151">{x}</text>'
        )
    if band:
        label, rows = band
        rows = [(x, lo, hi) for x, lo, hi in rows if lo is not None and hi is not None]
        if rows:
            upper = " ".join(f"{px(x):.1f},{py(hi):.1f}" for x, _lo, hi in rows)
            lower = " ".join(f"{px(x):.1f},{py(lo):.1f}" for x, lo, _hi in reversed(rows))
            parts.append(
                f'<polygon points="{upper} {lower}" fill="#7c3aed" fill-opacity="0.12" stroke="none">'
                f"<title>{escape(label)}</title></polygon>"
            )
    for index, item in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        segment: list[str] = []
        segments = []
        for x, y in item.points:
            if y is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{px(x):.1f},{py(y):.1f}")
        if segment:
            segments.append(segment)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for points in segments:
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            )
        for x, y in item.points:
            if y is not None:
                parts.append(
                    f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}">'
                    f"<title>{escape(item.label)} {x}: {_fmt(y)}</title></circle>"
                )
    # The legend wraps onto further rows (and the drawing grows) instead of running off the right edge.
    legend_y = height - 22
    offset = LEFT
    for index, item in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        label = item.label[:38]
        item_width = 36 + 6 * len(label)
        if offset > LEFT and offset + item_width > width - RIGHT:
            offset = LEFT
            legend_y += LEGEND_ROW
        parts.append(
            f'<line x1="{offset}" x2="{offset + 22}" y1="{legend_y}" y2="{legend_y}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>'
        )
        parts.append(f'<text x="{offset + 26}" y="{legend_y + 4}" font-size="11" fill="#111827">{escape(label)}</text>')
        offset += item_width
    total_height = legend_y + 22
    parts[0] = parts[0].replace(f'viewBox="0 0 {width} {height}"', f'viewBox="0 0 {width} {total_height}"')
    parts.append("</svg>")
    return mark_safe("".join(parts))
