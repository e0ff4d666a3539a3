"""Every fact, figure, name and date of the five articles is taught somewhere in the book.

Each article's facts are listed as the phrases the book must contain (in any chapter
or appendix); the list was drawn up by reading the articles line by line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vnsmartcity.labels import fact_text

ROOT = Path(__file__).resolve().parent.parent

ARTICLE_FACTS = {
    "cucs2021india": [
        "22 December 2021", "Consulate General of India", "Madan Mohan Sethi", "2015",
        "Kunal Kumar", "100 cities", "75", "5,151", "27 billion", "Trần Ngọc Linh",
        "Cục Phát triển đô thị", "early stage", "Cần Thơ", "Khánh Hòa", "Đồng Nai", "Kon Tum",
        "ASEAN", "foreign affairs", "Tổng Thư ký",
    ],
    "gialai2017france": [
        "5 December 2017", "Embassy of France", "Bộ Thông tin và Truyền thông", "2016",
        "2016-2020", "e-Government Architecture", "Fourth Industrial Revolution", "Hà Nội",
        "Đà Nẵng", "Thừa Thiên Huế", "Lâm Đồng", "Hồ Chí Minh City", "Bertrand Lortholary",
        "two thirds", "one third", "3D", "energy networks", "breakthrough",
    ],
    "backan2020summit": [
        "24 November 2020", "VINASA", "Smart City Summit", "fourth", "27 provinces", "Bắc Kạn",
        "three core tasks", "digital government for smart cities", "digital infrastructure",
        "06", "private", "competitiveness", "need to implement", "smart database platform",
    ],
    "tintuc2023korea": [
        "13 September 2023", "AMC", "Ministry of Transport", "VKC", "950/QĐ-TTg",
        "1 August 2018", "12 May 2022", "38/QĐ-BXD", "MOLIT", "non-refundable",
        "Vụ Quy hoạch kiến trúc", "27 firms", "31 technologies", "52", "16 Korean",
        "16 Vietnamese", "2045", "master plan", "guidelines",
    ],
    "bktw2022forum": [
        "16 June 2022", "Nguyễn Đức Hiển", "Trần Quốc Thái", "Nguyễn Minh Hồng", "Nguyễn Mạnh Hổ",
        "150", "350", "52-NQ/TW", "27 September 2019", "at least three", "chains",
        "06-NQ/TW", "41 of", "nearly 40", "17 of", "more than 10", "50-90%", "slogan",
        "Nguyễn Ngọc Hải", "VNPT", "Ngụy Hoàng Dũng", "Daikin", "Phùng Hoài Dương", "Signify",
        "HVAC", "lighting", "identity", "urban database", "Viettel",
        "Vietnam Urban Sustainable Development Forum", "smart tourism",
    ],
}


def book_text() -> str:
    """The book's Markdown as the English edition prints it: {fact} roles show their value."""
    pages = sorted((ROOT / "book").rglob("*.md"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    text = re.sub(r"\{fact\}`([^`:]+)(?::([^`]*))?`",
                  lambda m: fact_text(m.group(1), m.group(2) or "", "en"), text)
    return re.sub(r"\s+", " ", text.replace("–", "-"))


@pytest.mark.parametrize("article", sorted(ARTICLE_FACTS))
def test_every_fact_of_the_article_is_in_the_book(article):
    text = book_text()
    missing = [phrase for phrase in ARTICLE_FACTS[article] if phrase not in text]
    assert not missing, f"{article}: not in the book: {missing}"
    assert f"`{article}`" in text or f"{article}`" in text
