"""Regenerate the binary parts of the saved test sites: the photos (small generated pictures)
and the pages of the hand-made site, which are written in windows-1258 from the UTF-8 sources
in handmade/sources/. Run from the repository root: python tests/news/sites/make_fixtures.py.

The pages themselves are written by hand, after the structure of each CMS family; no page or
photo is copied from a real site.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent

PHOTOS = {
    "joomla/mttq-thanhbinh.example.vn/images/stories/2019/doi-thoai-1.jpg": (176, 32, 32),
    "joomla/mttq-thanhbinh.example.vn/images/stories/2019/doi-thoai-2.jpg": (32, 96, 176),
    "joomla/mttq-thanhbinh.example.vn/images/stories/2019/ra-mat-mo-hinh.jpg": (32, 140, 64),
    # images/stories/2019/tuan-tra-dem.jpg is missing on purpose: the page names it.
    "dnn/mttq-quan.example.gov.vn/Portals/0/News/2019/phan-bien.jpg": (200, 150, 40),
    "wordpress/mattranphuong.example.vn/wp-content/uploads/2019/07/doi-thoai-nhan-dan.jpg": (90, 40, 140),
    "wordpress/mattranphuong.example.vn/wp-content/uploads/2019/07/cu-tri-phat-bieu.png": (20, 120, 120),
    "wordpress/mattranphuong.example.vn/wp-content/uploads/2020/03/trao-khau-trang.jpg": (140, 90, 40),
    "handmade/mttq-xadongson.example.vn/anh/2021/hoinghi-lan5.jpg": (160, 60, 90),
    "handmade/mttq-xadongson.example.vn/anh/2021/trao-qua.jpg": (60, 160, 90),
    "vendor/thanhxuan.mattran.example.vn/Uploads/Images/2023/07/hoi-nghi-lan-10.jpg": (120, 20, 20),
    "vendor/thanhxuan.mattran.example.vn/Uploads/Images/2019/09/tap-huan.jpg": (20, 20, 120),
    "single/trao-giai-hoi-thi_files/anh-hoi-nghi.jpg": (100, 100, 100),
}
# wget saved the server's error page under the photo's name: not a picture at all.
NOT_A_PHOTO = "dnn/mttq-quan.example.gov.vn/Portals/0/News/2021/tong-ket-qcdc.jpg"

CP1258_PAGES = {
    "tintuc_2021_hoinghi-mttq-lan5.htm.html": "tintuc/2021/hoinghi-mttq-lan5.htm",
    "index.htm.html": "index.htm",
    "tintuc_index.htm.html": "tintuc/index.htm",
    "inbai.asp?id=5.html.html": "inbai.asp?id=5.html",
}
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def photo(path: Path, colour: tuple[int, int, int]) -> None:
    image = Image.new("RGB", (160, 107), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 140, 87), outline=(255, 255, 255), width=3)
    draw.line((20, 87, 80, 40, 140, 87), fill=(255, 255, 255), width=3)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=70) if path.suffix == ".jpg" else image.save(path)


def to_cp1258(text: str) -> bytes:
    """Vietnamese as windows-1258 writes it: letters with their vowel marks, tone marks apart."""
    out, cluster = [], ""

    def flush(cluster: str) -> str:
        base = "".join(c for c in cluster if c not in TONES)
        return unicodedata.normalize("NFC", base) + "".join(c for c in cluster if c in TONES)

    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            cluster += char
        else:
            out.append(flush(cluster))
            cluster = char
    out.append(flush(cluster))
    return "".join(out).encode("cp1258")


def main() -> None:
    for name, colour in PHOTOS.items():
        photo(HERE / name, colour)
    error_page = HERE / NOT_A_PHOTO
    error_page.parent.mkdir(parents=True, exist_ok=True)
    error_page.write_text("<html><body><h1>404 - File or directory not found.</h1></body></html>\n")
    site = HERE / "handmade" / "mttq-xadongson.example.vn"
    for source, target in CP1258_PAGES.items():
        text = (HERE / "handmade" / "sources" / source).read_text(encoding="utf-8")
        (site / target).parent.mkdir(parents=True, exist_ok=True)
        (site / target).write_bytes(to_cp1258(text))


if __name__ == "__main__":
    main()
