"""tokenize() and document(): normalising, Thai word segmentation, the stored text."""

from kbo.search import document, normalise, tokenize


def contains_all(stored: str, query: str) -> bool:
    """What matches() asks the database: every query word is a substring of the document."""
    return all(word in stored for word in tokenize(query))


def test_it_segments_thai_words():
    assert tokenize("ผ้าทอขนแกะ") == ["ผ้า", "ทอ", "ขน", "แกะ"]
    assert tokenize("ผ้าทอแม่ฮ่องสอน") == ["ผ้า", "ทอ", "แม่ฮ่องสอน"]


def test_it_turns_thai_digits_into_arabic_digits():
    assert tokenize("ข้าว ๑๒ กก.") == ["ข้าว", "12", "กก"]
    assert tokenize("OTOP ๕ ดาว") == tokenize("otop 5 ดาว")


def test_it_lower_cases_latin_and_drops_punctuation():
    assert tokenize("  OTOP Coffee-Beans, ดอยช้าง! ") == [
        "otop",
        "coffee",
        "beans",
        "ดอย",
        "ช้าง",
    ]


def test_it_returns_no_tokens_for_blank_or_punctuation():
    assert tokenize("") == []
    assert tokenize(" \t\n ") == []
    assert tokenize("!!! - ...") == []


def test_it_normalises_thai_spelling_variants():
    assert normalise("ผ้า\u200bทอ") == "ผ้าทอ"  # zero-width space
    assert normalise("นํ้าพริก") == normalise("น้ำพริก")  # nikhahit + tone + sara aa
    assert normalise("เเปลก") == "แปลก"  # two sara e for sara ae


def test_a_document_holds_each_part_normalised_and_compacted():
    stored = document("ผ้าทอขนแกะ", None, "", "แม่ฮ่องสอน")
    assert stored == "ผ้าทอขนแกะ แม่ฮ่องสอน"
    assert document("OTOP Coffee", "ผ้าทอ แม่ฮ่องสอน", "OTOP coffee") == "otopcoffee ผ้าทอแม่ฮ่องสอน"


def test_a_document_is_deterministic_and_empty_without_text():
    assert document("ผ้าทอขนแกะ", "ผ้าทอขนแกะ") == document("ผ้าทอขนแกะ", "ผ้าทอขนแกะ")
    assert document() == document(None, "", " ") == ""


def test_the_required_queries_find_a_document():
    stored = document("ผ้าทอขนแกะ", "แม่ฮ่องสอน")
    for query in ["ผ้าทอ", "ขนแกะ", "ผ้าทอ แม่ฮ่องสอน", "ผ้าทอแม่ฮ่องสอน", "ผ้าทอขนแกะ"]:
        assert contains_all(stored, query), query
    assert not contains_all(stored, "ผ้าทอ เชียงใหม่")
    assert not contains_all(stored, "ผ้าไหม")


def test_the_compacted_part_finds_what_the_words_alone_miss():
    # Typing "ทุเรียนทอดกรอบ", the query "ทุเรียนทอดก" segments as ทุเรียน|ทอ|ดก: "ดก" is in
    # no word of the document, only in its compacted part.
    stored = document("ทุเรียนทอดกรอบ")
    assert "ดก" not in " ".join(tokenize("ทุเรียนทอดกรอบ"))
    assert contains_all(stored, "ทุเรียนทอดก")
    assert contains_all(document("Coffee-Beans"), "coffeebeans")


def test_every_prefix_and_suffix_of_a_part_finds_its_document():
    for name in ["ทุเรียนทอดกรอบ", "ผ้าทอมือบ้านไร่", "น้ำพริกเผาแม่ประนอม", "ไวน์ลูกหม่อน"]:
        stored = document(name, "เชียงใหม่")
        for end in range(1, len(name) + 1):
            assert contains_all(stored, name[:end]), name[:end]
            assert contains_all(stored, name[-end:]), name[-end:]
