"""Pictures of the demo content, drawn with Pillow: illustrations and portrait placeholders.

The demo has no real photographs, and pretending otherwise would mislead a committee evaluating
the portal. So every picture is openly an illustration: the Front's red and gold (the palette
of static/css/site.css), the emblem of static/img/emblem.svg, and one clean pictogram for what the
story is about; its caption says "Ảnh minh họa". Portraits are the neutral silhouette of
static/img/person-placeholder.svg. Everything is deterministic: the same arguments give the same
bytes, so a demo looks the same on every machine.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw

# static/css/site.css: --red, --red-dark, --gold, --tint; and a cream for line art on red.
RED = (179, 20, 28)
RED_DARK = (138, 15, 22)
GOLD = (246, 194, 26)
TINT = (250, 246, 239)
CREAM = (255, 244, 214)
# static/img/person-placeholder.svg
SILHOUETTE = (185, 175, 162)
SILHOUETTE_BACKGROUND = (236, 231, 223)

SCALE = 2  # drawn at twice the size, then reduced: smooth edges without an anti-aliasing library

# Caption prefix of every demo picture: it tells the reader the picture is not a photograph.
ILLUSTRATION = "Ảnh minh họa"
# What each pictogram stands for, for the caption "Ảnh minh họa: …".
TOPICS = {
    "people": "đại đoàn kết toàn dân tộc",
    "training": "tập huấn, bồi dưỡng nghiệp vụ",
    "conference": "hội nghị",
    "dialogue": "đối thoại, giám sát",
    "house": "nhà Đại đoàn kết",
    "goods": "hàng Việt Nam",
    "news": "hoạt động ở khu dân cư",
    "congress": "đại hội",
    "calendar": "lịch công tác",
}


def caption(subject: str) -> str:
    """The caption of an illustration of `subject`: "Ảnh minh họa: hội nghị"."""
    return f"{ILLUSTRATION}: {TOPICS[subject]}"


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float, fill) -> None:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _emblem(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float) -> None:
    """static/img/emblem.svg: a gold star on a red disc, a gold ring and a laurel of dots."""
    u = radius / 48
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=RED)
    ring = 43 * u
    draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=GOLD, width=max(1, round(2.5 * u)))
    for dx, dy in ((0, 40), (14, 37.5), (26, 30), (34.5, 19), (39, 6)):
        for sign in (-1, 1):
            x, y = cx + sign * dx * u, cy + dy * u
            draw.ellipse((x - 2.4 * u, y - 2.4 * u, x + 2.4 * u, y + 2.4 * u), fill=GOLD)
    _star(draw, cx, cy - 2 * u, 34 * u, GOLD)


# --- pictograms: each draws into the square box (x, y, size) with line colour `ink` ----------------
def _person(draw, cx, top, height, fill) -> None:
    head = height * 0.36
    draw.ellipse((cx - head / 2, top, cx + head / 2, top + head), fill=fill)
    body_top = top + head * 1.08
    draw.pieslice(
        (cx - height * 0.36, body_top, cx + height * 0.36, body_top + height * 1.2), 180, 360, fill=fill
    )


def _people(draw, x, y, s, ink, accent) -> None:
    """Đại đoàn kết: three people side by side, the middle one a little taller, a star above."""
    _person(draw, x + s * 0.24, y + s * 0.36, s * 0.40, ink)
    _person(draw, x + s * 0.76, y + s * 0.36, s * 0.40, ink)
    _person(draw, x + s * 0.50, y + s * 0.28, s * 0.48, accent)
    _star(draw, x + s * 0.5, y + s * 0.12, s * 0.10, accent)


def _book(draw, x, y, s, ink, accent) -> None:
    """Tập huấn: an open book with lines of text, a small star on its spine."""
    w = s * 0.46
    top, bottom = y + s * 0.22, y + s * 0.82
    mid = x + s / 2
    lw = max(2, round(s * 0.028))
    draw.polygon(
        [(mid, top + s * 0.06), (mid - w, top), (mid - w, bottom), (mid, bottom + s * 0.06)],
        outline=ink,
        width=lw,
    )
    draw.polygon(
        [(mid, top + s * 0.06), (mid + w, top), (mid + w, bottom), (mid, bottom + s * 0.06)],
        outline=ink,
        width=lw,
    )
    for i in range(5):
        ly = top + s * (0.12 + i * 0.1)
        draw.line((mid - w + s * 0.07, ly, mid - s * 0.07, ly + s * 0.02), fill=ink, width=lw)
        draw.line((mid + s * 0.07, ly + s * 0.02, mid + w - s * 0.07, ly), fill=ink, width=lw)
    _star(draw, mid, y + s * 0.1, s * 0.08, accent)


def _table(draw, x, y, s, ink, accent) -> None:
    """Hội nghị: a conference table seen from the front, a row of delegates and a microphone."""
    for i in range(5):
        cx = x + s * (0.14 + i * 0.18)
        _person(draw, cx, y + s * 0.30, s * 0.26, ink)
    draw.rounded_rectangle((x, y + s * 0.58, x + s, y + s * 0.72), radius=s * 0.02, fill=accent)
    draw.rectangle((x + s * 0.06, y + s * 0.72, x + s * 0.10, y + s * 0.92), fill=ink)
    draw.rectangle((x + s * 0.90, y + s * 0.72, x + s * 0.94, y + s * 0.92), fill=ink)
    mic = x + s * 0.5
    draw.line((mic, y + s * 0.58, mic + s * 0.06, y + s * 0.46), fill=ink, width=max(2, round(s * 0.02)))
    draw.ellipse((mic + s * 0.035, y + s * 0.41, mic + s * 0.095, y + s * 0.47), fill=ink)
    _star(draw, x + s * 0.5, y + s * 0.12, s * 0.09, accent)


def _bubbles(draw, x, y, s, ink, accent) -> None:
    """Đối thoại, giám sát: two speech bubbles, one answering the other."""
    lw = max(2, round(s * 0.03))
    draw.rounded_rectangle(
        (x, y + s * 0.12, x + s * 0.62, y + s * 0.52), radius=s * 0.08, outline=ink, width=lw
    )
    draw.polygon(
        [(x + s * 0.12, y + s * 0.50), (x + s * 0.10, y + s * 0.66), (x + s * 0.26, y + s * 0.51)], fill=ink
    )
    for i in range(3):
        draw.line(
            (x + s * 0.08, y + s * (0.22 + i * 0.1), x + s * (0.54 - i * 0.1), y + s * (0.22 + i * 0.1)),
            fill=ink,
            width=lw,
        )
    draw.rounded_rectangle((x + s * 0.40, y + s * 0.46, x + s, y + s * 0.82), radius=s * 0.08, fill=accent)
    draw.polygon(
        [(x + s * 0.86, y + s * 0.80), (x + s * 0.90, y + s * 0.95), (x + s * 0.74, y + s * 0.81)],
        fill=accent,
    )
    for i in range(3):
        cx = x + s * (0.58 + i * 0.12)
        draw.ellipse((cx - s * 0.03, y + s * 0.61, cx + s * 0.03, y + s * 0.67), fill=ink)


def _house(draw, x, y, s, ink, accent) -> None:
    """Nhà Đại đoàn kết, Quỹ Vì người nghèo: a house with a heart in its door."""
    lw = max(2, round(s * 0.035))
    draw.polygon(
        [(x + s * 0.5, y + s * 0.08), (x + s * 0.02, y + s * 0.46), (x + s * 0.98, y + s * 0.46)], fill=accent
    )
    draw.rectangle((x + s * 0.14, y + s * 0.46, x + s * 0.86, y + s * 0.92), outline=ink, width=lw)
    hx, hy, r = x + s * 0.5, y + s * 0.66, s * 0.07
    draw.ellipse((hx - 2 * r, hy - r, hx, hy + r), fill=ink)
    draw.ellipse((hx, hy - r, hx + 2 * r, hy + r), fill=ink)
    draw.polygon(
        [(hx - 2 * r + 1, hy + r * 0.3), (hx + 2 * r - 1, hy + r * 0.3), (hx, hy + r * 2.4)], fill=ink
    )


def _bag(draw, x, y, s, ink, accent) -> None:
    """Hàng Việt: a shopping bag with the star on it."""
    lw = max(2, round(s * 0.035))
    draw.arc((x + s * 0.32, y + s * 0.06, x + s * 0.68, y + s * 0.46), 180, 360, fill=ink, width=lw)
    draw.polygon(
        [
            (x + s * 0.16, y + s * 0.28),
            (x + s * 0.84, y + s * 0.28),
            (x + s * 0.92, y + s * 0.94),
            (x + s * 0.08, y + s * 0.94),
        ],
        fill=accent,
    )
    _star(draw, x + s * 0.5, y + s * 0.62, s * 0.2, ink)


def _paper(draw, x, y, s, ink, accent) -> None:
    """Tin hoạt động, văn bản: a page with a headline, a picture block and lines of text."""
    lw = max(2, round(s * 0.03))
    draw.rounded_rectangle(
        (x + s * 0.14, y + s * 0.04, x + s * 0.86, y + s * 0.96), radius=s * 0.04, outline=ink, width=lw
    )
    draw.rectangle((x + s * 0.24, y + s * 0.14, x + s * 0.76, y + s * 0.22), fill=ink)
    draw.rectangle((x + s * 0.24, y + s * 0.30, x + s * 0.48, y + s * 0.52), fill=accent)
    for i in range(3):
        ly = y + s * (0.32 + i * 0.09)
        draw.line((x + s * 0.54, ly, x + s * 0.76, ly), fill=ink, width=lw)
    for i in range(3):
        ly = y + s * (0.62 + i * 0.1)
        draw.line((x + s * 0.24, ly, x + s * 0.76, ly), fill=ink, width=lw)


def _flag(draw, x, y, s, ink, accent) -> None:
    """Đại hội: a flag with the star on a pole, and a ballot box below it."""
    lw = max(2, round(s * 0.03))
    draw.line((x + s * 0.2, y + s * 0.04, x + s * 0.2, y + s * 0.96), fill=ink, width=lw)
    draw.rectangle((x + s * 0.2, y + s * 0.06, x + s * 0.78, y + s * 0.44), fill=accent)
    _star(draw, x + s * 0.49, y + s * 0.25, s * 0.12, ink)
    draw.rectangle((x + s * 0.42, y + s * 0.62, x + s * 0.94, y + s * 0.96), outline=ink, width=lw)
    draw.rectangle((x + s * 0.58, y + s * 0.60, x + s * 0.78, y + s * 0.66), fill=ink)
    draw.polygon(
        [
            (x + s * 0.62, y + s * 0.48),
            (x + s * 0.76, y + s * 0.50),
            (x + s * 0.73, y + s * 0.62),
            (x + s * 0.60, y + s * 0.60),
        ],
        fill=accent,
    )


def _calendar(draw, x, y, s, ink, accent) -> None:
    """Lịch công tác, giao ban: a calendar page with one day marked."""
    lw = max(2, round(s * 0.03))
    draw.rounded_rectangle(
        (x + s * 0.06, y + s * 0.14, x + s * 0.94, y + s * 0.92), radius=s * 0.05, outline=ink, width=lw
    )
    draw.rectangle((x + s * 0.06, y + s * 0.14, x + s * 0.94, y + s * 0.30), fill=accent)
    for cx in (0.28, 0.72):
        draw.line((x + s * cx, y + s * 0.06, x + s * cx, y + s * 0.20), fill=ink, width=lw * 2)
    for row in range(3):
        for col in range(5):
            bx, by = x + s * (0.14 + col * 0.15), y + s * (0.40 + row * 0.16)
            if (row, col) == (1, 2):
                draw.ellipse((bx - s * 0.02, by - s * 0.03, bx + s * 0.12, by + s * 0.11), fill=accent)
            draw.rectangle((bx + s * 0.02, by, bx + s * 0.08, by + s * 0.06), fill=ink)


PICTOGRAMS = {
    "people": _people,
    "training": _book,
    "conference": _table,
    "dialogue": _bubbles,
    "house": _house,
    "goods": _bag,
    "news": _paper,
    "congress": _flag,
    "calendar": _calendar,
}


def illustration(subject: str, seed: int, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A JPEG illustration: the pictogram of `subject` (a key of PICTOGRAMS) on a panel in the
    middle, gold rays around it on red (or red on paper) and the emblem in an upper corner.

    The pictogram stays in the middle so that any crop of the picture (cards, thumbnails, Open
    Graph) keeps it. `seed` varies the colours, the rays and the emblem's corner, never the style."""
    draw_picto = PICTOGRAMS[subject]
    rng = random.Random(f"{subject}:{seed}")
    width, height = size[0] * SCALE, size[1] * SCALE
    on_red = rng.random() < 0.6
    background, rays, ink, accent = (
        (RED, RED_DARK, CREAM, GOLD) if on_red else (TINT, (241, 230, 208), RED_DARK, GOLD)
    )
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    cx, cy = width / 2, height / 2
    # Rays from behind the pictogram, as on the Front's posters.
    count = rng.choice((20, 24, 28, 32))
    offset = rng.random() * math.pi / count
    reach = math.hypot(width, height)
    for i in range(count):
        a = offset + i * 2 * math.pi / count
        b = a + math.pi / count * 0.55
        draw.polygon(
            [
                (cx, cy),
                (cx + reach * math.cos(a), cy + reach * math.sin(a)),
                (cx + reach * math.cos(b), cy + reach * math.sin(b)),
            ],
            fill=rays,
        )
    box = height * 0.54
    pad = box * 0.2
    px, py = cx - box / 2, cy - box / 2
    draw.rounded_rectangle(
        (px - pad, py - pad, px + box + pad, py + box + pad),
        radius=box * 0.12,
        fill=background,
        outline=accent,
        width=SCALE * 4,
    )
    draw_picto(draw, px, py, box, ink, accent)
    # The emblem in an upper corner, on a ring of the background colour.
    radius = height * 0.11
    ex = width * 0.085 if rng.random() < 0.5 else width * 0.915
    ey = height * 0.19
    halo = radius * 1.18
    draw.ellipse((ex - halo, ey - halo, ex + halo, ey + halo), fill=background)
    _emblem(draw, ex, ey, radius)
    # A gold band along the bottom edge.
    band = height * 0.035
    draw.rectangle((0, height - band, width, height), fill=GOLD)
    draw.rectangle((0, height - band - SCALE * 3, width, height - band), fill=RED_DARK)
    image = image.reduce(SCALE)  # a box filter: smooth edges, and fast
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86, optimize=True)
    return buffer.getvalue()


def portrait_placeholder(size: tuple[int, int] = (240, 300)) -> bytes:
    """A JPEG of the neutral silhouette of static/img/person-placeholder.svg, the same for everyone."""
    width, height = size[0] * SCALE, size[1] * SCALE
    image = Image.new("RGB", (width, height), SILHOUETTE_BACKGROUND)
    draw = ImageDraw.Draw(image)
    u = width / 120  # the SVG's viewBox is 120 × 150
    top = (height - 150 * u) / 2
    draw.ellipse((34 * u, top + 29 * u, 86 * u, top + 81 * u), fill=SILHOUETTE)
    draw.pieslice((14 * u, top + 94 * u, 106 * u, top + 206 * u), 180, 360, fill=SILHOUETTE)
    image = image.reduce(SCALE)  # a box filter: smooth edges, and fast
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()
