"""Vietnamese text helpers: folding, slugs, unique slugs and the name sort key."""

import random
import re
import unicodedata

import hypothesis
import pytest
from django.utils.text import slugify
from hypothesis import strategies as st

from core.text import (
    fold,
    fold_words,
    person_sort_key,
    slugify_vi,
    split_name,
    unique_slug,
)
from people.models import Person, Unit
from tests.factories import PersonFactory, UnitFactory

# ---------------------------------------------------------------- the alphabet

BREVE = unicodedata.lookup("COMBINING BREVE")
CIRCUMFLEX = unicodedata.lookup("COMBINING CIRCUMFLEX ACCENT")
HORN = unicodedata.lookup("COMBINING HORN")
D_STROKE = unicodedata.lookup("LATIN SMALL LETTER D WITH STROKE")

# The five tones after "none", in the order Vietnamese dictionaries use.
TONES = [
    ("none", ""),
    ("huyen", unicodedata.lookup("COMBINING GRAVE ACCENT")),
    ("hoi", unicodedata.lookup("COMBINING HOOK ABOVE")),
    ("nga", unicodedata.lookup("COMBINING TILDE")),
    ("sac", unicodedata.lookup("COMBINING ACUTE ACCENT")),
    ("nang", unicodedata.lookup("COMBINING DOT BELOW")),
]

# (name for the test id, base character, letter mark, the ASCII letter it folds to),
# in the order of the Vietnamese alphabet.
ALPHABET = [
    ("a", "a", "", "a"),
    ("a_breve", "a", BREVE, "a"),
    ("a_circumflex", "a", CIRCUMFLEX, "a"),
    ("b", "b", "", "b"),
    ("c", "c", "", "c"),
    ("d", "d", "", "d"),
    ("d_stroke", D_STROKE, "", "d"),
    ("e", "e", "", "e"),
    ("e_circumflex", "e", CIRCUMFLEX, "e"),
    ("g", "g", "", "g"),
    ("h", "h", "", "h"),
    ("i", "i", "", "i"),
    ("k", "k", "", "k"),
    ("l", "l", "", "l"),
    ("m", "m", "", "m"),
    ("n", "n", "", "n"),
    ("o", "o", "", "o"),
    ("o_circumflex", "o", CIRCUMFLEX, "o"),
    ("o_horn", "o", HORN, "o"),
    ("p", "p", "", "p"),
    ("q", "q", "", "q"),
    ("r", "r", "", "r"),
    ("s", "s", "", "s"),
    ("t", "t", "", "t"),
    ("u", "u", "", "u"),
    ("u_horn", "u", HORN, "u"),
    ("v", "v", "", "v"),
    ("x", "x", "", "x"),
    ("y", "y", "", "y"),
]
VOWELS = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}


def _letter(base, letter_mark, tone_mark, upper):
    """The letter as typed: base, then its letter mark, then its tone mark."""
    return (base.upper() if upper else base) + letter_mark + tone_mark


def _tones_of(base, letter_mark):
    if unicodedata.normalize("NFC", base + letter_mark) in VOWELS:
        return TONES
    return TONES[:1]


def _letter_cases():
    """Every letter, with every tone it takes, in both cases and every encoding."""
    cases = []
    for name, base, letter_mark, ascii_letter in ALPHABET:
        for tone_name, tone_mark in _tones_of(base, letter_mark):
            for case in ("lower", "upper"):
                typed = _letter(base, letter_mark, tone_mark, case == "upper")
                seen = set()
                for form, text in (
                    ("nfc", unicodedata.normalize("NFC", typed)),
                    ("nfd", unicodedata.normalize("NFD", typed)),
                    ("typed", typed),
                ):
                    if text in seen:
                        continue
                    seen.add(text)
                    cases.append(
                        pytest.param(
                            text,
                            form,
                            ascii_letter,
                            id=f"{name}-{tone_name}-{case}-{form}",
                        )
                    )
    return cases


LETTER_CASES = _letter_cases()

# Every letter of every tone, lower and upper case, precomposed and decomposed:
# what the property tests draw text from.
ALL_LETTERS = sorted(
    {
        unicodedata.normalize(form, _letter(base, mark, tone, upper))
        for _, base, mark, _ in ALPHABET
        for _, tone in _tones_of(base, mark)
        for upper in (False, True)
        for form in ("NFC", "NFD")
    }
)
vietnamese_text = st.lists(st.sampled_from([*ALL_LETTERS, " ", "  ", "\t"])).map(
    "".join
)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Hypothesis shares the project's autouse settings fixture across examples; it only
# points MEDIA_ROOT and the cache elsewhere, which these pure functions never touch.
text_property = hypothesis.settings(
    max_examples=300,
    # No per-example deadline: a busy CI machine must not turn slowness into failure.
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize(("text", "form", "ascii_letter"), LETTER_CASES)
def test_every_letter_folds_to_its_ascii_base(text, form, ascii_letter):
    """Every Vietnamese letter, in any tone, case or encoding, folds to its plain
    ASCII letter (ă/â→a, đ→d, ê→e, ô/ơ→o, ư→u), and slugs to it too."""
    if form == "nfc":
        assert len(text) == 1, "precomposed input is one code point"
    assert fold(text) == ascii_letter
    assert slugify_vi(text) == ascii_letter


@pytest.mark.parametrize(("text", "form", "ascii_letter"), LETTER_CASES)
def test_every_encoding_of_a_letter_sorts_alike(text, form, ascii_letter):
    """A letter sorts the same whether typed precomposed, decomposed or in upper
    case."""
    precomposed = unicodedata.normalize("NFC", text).lower()
    assert person_sort_key(text) == person_sort_key(precomposed)


@text_property
@hypothesis.given(vietnamese_text)
def test_fold_is_ascii_lower_case_and_idempotent(text):
    """fold() of Vietnamese text is lower-case ASCII, and folding twice changes
    nothing."""
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(folded) == folded
    assert "  " not in folded
    assert folded == folded.strip()


@text_property
@hypothesis.given(vietnamese_text)
def test_slugify_vi_gives_a_clean_slug(text):
    """slugify_vi() output is lower-case ASCII words joined by single hyphens, or
    empty."""
    slug = slugify_vi(text)
    assert slug == "" or SLUG.match(slug)
    assert slug == slugify_vi(unicodedata.normalize("NFC", text))


@text_property
@hypothesis.given(vietnamese_text)
def test_sort_key_is_ascii_and_ignores_encoding(text):
    """The sort key is lower-case ASCII and the same for precomposed and decomposed
    input."""
    key = person_sort_key(text)
    assert re.fullmatch(r"[a-z]*", key)
    assert key == person_sort_key(unicodedata.normalize("NFC", text))
    assert key == person_sort_key(unicodedata.normalize("NFD", text))


# ---------------------------------------------------------------- fold


def test_fold_ignores_tone_placement_and_case():
    """Đảng uỷ, Đảng ủy and ĐẢNG ỦY all fold to "dang uy"."""
    assert fold("Đảng uỷ") == "dang uy"
    assert fold("Đảng ủy") == "dang uy"
    assert fold("ĐẢNG ỦY") == "dang uy"


def test_fold_old_and_new_tone_placement():
    """Hoà and Hòa fold alike."""
    assert fold("Hoà") == fold("Hòa") == "hoa"
    assert fold("Thuỷ") == fold("Thủy") == "thuy"


def test_fold_strips_letter_marks_and_tones():
    """Hiệu trưởng folds to "hieu truong", as does the typo "Hiệu trường"."""
    assert fold("Hiệu trưởng") == "hieu truong"
    assert fold("Hiệu trường") == "hieu truong"
    assert fold("Trường Cao đẳng Ngô Gia Tự") == "truong cao dang ngo gia tu"


def test_fold_collapses_white_space():
    """Runs of spaces, tabs, new lines and non-breaking spaces become one space."""
    assert fold("  Hội\tnghị \n tổng\u00a0\u00a0kết  ") == "hoi nghi tong ket"


def test_fold_keeps_punctuation_and_fold_words_drops_it():
    """fold keeps punctuation for excerpts; fold_words keeps only words."""
    assert fold("Phòng Tổ chức – Hành chính") == "phong to chuc – hanh chinh"
    assert fold_words("Tổ chức-Hành chính") == "to chuc hanh chinh"
    assert fold_words("Kế hoạch số 10/KH-CĐNGT") == "ke hoach so 10 kh cdngt"


def test_fold_of_nothing_is_empty():
    """None and the empty string fold to ""."""
    assert fold(None) == ""
    assert fold("") == ""


# ---------------------------------------------------------------- slugify_vi


def test_slugify_vi_keeps_d_stroke():
    """Đ becomes D in slugs, where Django's slugify drops it."""
    assert slugify_vi("Đảng uỷ Đoàn Thanh niên") == "dang-uy-doan-thanh-nien"
    assert slugify("Đảng uỷ Đoàn Thanh niên") == "ang-uy-oan-thanh-nien"


def test_slugify_vi_turns_punctuation_into_hyphens():
    """Numbers, slashes and dashes of document symbols become single hyphens."""
    assert slugify_vi("Kế hoạch số 10/KH-CĐNGT") == "ke-hoach-so-10-kh-cdngt"
    assert slugify_vi("Năm học 2023/2024") == "nam-hoc-2023-2024"
    assert slugify_vi("Tin tức – Sự kiện") == "tin-tuc-su-kien"
    assert slugify_vi("snake_case  name") == "snake-case-name"


def test_slugify_vi_max_length_does_not_end_with_a_hyphen():
    """A slug cut to max_length never ends with a hyphen."""
    assert slugify_vi("Hội nghị tổng kết", max_length=9) == "hoi-nghi"
    assert slugify_vi("Hội nghị tổng kết", max_length=12) == "hoi-nghi-ton"


def test_slugify_vi_of_nothing_is_empty():
    """Text with no letters or digits gives an empty slug."""
    assert slugify_vi("") == ""
    assert slugify_vi(None) == ""
    assert slugify_vi("– … !") == ""


# ---------------------------------------------------------------- unique_slug


@pytest.mark.django_db
def test_unique_slug_numbers_repeats():
    """The same name gives "x", then "x-2", then "x-3"."""
    units = [UnitFactory(name="Phòng Đào tạo") for _ in range(3)]
    assert [unit.slug for unit in units] == [
        "phong-dao-tao",
        "phong-dao-tao-2",
        "phong-dao-tao-3",
    ]


@pytest.mark.django_db
def test_unique_slug_keeps_the_slug_of_a_saved_row():
    """A row saved again, even renamed, keeps its slug; unique_slug skips the row
    itself."""
    first = UnitFactory(name="Phòng Đào tạo")
    second = UnitFactory(name="Phòng Đào tạo")
    assert unique_slug(first, first.name) == "phong-dao-tao"
    assert unique_slug(second, second.name) == "phong-dao-tao-2"

    second.name = "Phòng Đào tạo và Khảo thí"
    second.save()
    second.refresh_from_db()
    assert second.slug == "phong-dao-tao-2"


@pytest.mark.django_db
def test_unique_slug_keeps_a_slug_typed_by_hand():
    """A slug typed by an editor is kept, and later names step around it."""
    typed = UnitFactory(name="Phòng Tổ chức – Hành chính", slug="tchc")
    assert typed.slug == "tchc"
    assert UnitFactory(name="TCHC").slug == "tchc-2"


@pytest.mark.django_db
def test_unique_slug_respects_max_length_with_its_suffix():
    """Slugs cut to max_length stay within it with their suffix, and stay unique."""
    name = "Phòng Tổ chức – Hành chính"
    slugs = []
    for _ in range(11):
        unit = Unit(name=name)
        unit.slug = unique_slug(unit, name, max_length=10)
        unit.save()
        slugs.append(unit.slug)
    assert slugs[:3] == ["phong-to-c", "phong-to-2", "phong-to-3"]
    assert slugs[-1] == "phong-t-11"
    assert len(set(slugs)) == len(slugs)
    assert all(len(slug) <= 10 for slug in slugs)


@pytest.mark.django_db
def test_unique_slug_falls_back_to_the_model_name():
    """A name with no letters gives the model's name as the slug."""
    assert unique_slug(Unit(name="–"), "–") == "unit"


# ---------------------------------------------------------------- person_sort_key


def _in_order(names):
    return sorted(names, key=person_sort_key) == names


def test_d_stroke_sorts_between_d_and_h():
    """Dũng comes before Đức, which comes before Hương."""
    names = ["Nguyễn Văn Dũng", "Trần Minh Đức", "Lê Thị Hương"]
    assert _in_order(names)
    assert sorted(names) != names, "code-point order would get this wrong"


def test_given_name_decides_before_family_name():
    """Trần Văn An comes before Nguyễn Văn Bình."""
    assert _in_order(["Trần Văn An", "Nguyễn Văn Bình"])


def test_middle_name_breaks_ties_before_family_name():
    """With the same given name, the middle name decides, then the family name."""
    assert _in_order(["Trần Anh Minh", "Lê Văn Minh"])
    assert _in_order(["Nguyễn Thị An", "Nguyễn Văn An"])
    assert _in_order(["Lê Văn An", "Trần Văn An"])


def test_alphabet_and_tones_sort_the_vietnamese_way():
    """a ă â b c d đ e ê … o ô ơ … u ư v x y, each letter in the tone order
    none, huyền, hỏi, ngã, sắc, nặng."""
    expected = [
        unicodedata.normalize("NFC", base + mark + tone)
        for _, base, mark, _ in ALPHABET
        for _, tone in _tones_of(base, mark)
    ]
    shuffled = expected[:]
    random.Random(2024).shuffle(shuffled)
    assert sorted(shuffled, key=person_sort_key) == expected


def test_letter_pairs():
    """đ after d and before e; ơ after ô; ư after u; letters before tones."""
    assert _in_order(["Duy", "Đạt", "Em"])
    assert _in_order(["Ôn", "Ơn", "Phúc"])
    assert _in_order(["Uyên", "Ưng"])
    assert _in_order(["Tú", "Tư"])
    assert _in_order(["Ánh", "Ăn", "Ân"])


def test_tones_order_the_same_letters():
    """Ha, Hà, Hả, Hã, Há, Hạ: unmarked, huyền, hỏi, ngã, sắc, nặng."""
    names = ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]
    assert _in_order(names)
    assert _in_order(["Ngô Thị Hương", "Ngô Thị Hường"])


def test_shorter_word_first():
    """An comes before Anh, and Hạ before Hai, whatever the tones."""
    assert _in_order(["An", "Anh", "Ánh"])
    assert _in_order(["Hạ", "Hai"])
    assert _in_order(["Lê Thị Hà", "Lê Thị Hạnh"])


@pytest.mark.parametrize(
    "name", ["Nguyễn Văn Đức", "Ngô Thị Yến", "Trần Thị Hường", "Lê Ăn", "Đặng Ưng"]
)
def test_decomposed_input_gives_the_same_key(name):
    """A name typed with combining marks has the key of its precomposed form."""
    assert person_sort_key(unicodedata.normalize("NFD", name)) == person_sort_key(
        unicodedata.normalize("NFC", name)
    )


def test_decomposed_letters_keep_their_place():
    """Decomposed Ăn sorts after Anh, not as An."""
    decomposed = unicodedata.normalize("NFD", "Ăn")
    assert person_sort_key(decomposed) != person_sort_key("An")
    assert _in_order(["Anh", decomposed])


def test_sort_key_is_lower_case_ascii():
    """The key is plain lower-case ASCII, and case does not change it."""
    key = person_sort_key("NGUYỄN VĂN ĐỨC")
    assert re.fullmatch(r"[a-z]+", key)
    assert key == person_sort_key("Nguyễn Văn Đức")
    assert person_sort_key("  Nguyễn   Văn Đức ") == key


def test_sort_key_of_nothing_is_empty():
    """An empty name has an empty key."""
    assert person_sort_key("") == ""
    assert person_sort_key("   ") == ""
    assert person_sort_key(None) == ""


VIETNAMESE_ORDER = [
    "Trần Văn An",
    "Nguyễn Thị Anh",
    "Phạm Thị Ánh",
    "Hoàng Văn Ân",
    "Nguyễn Văn Bình",
    "Nguyễn Văn Dũng",
    "Trần Minh Đức",
    "Lê Thị Hà",
    "Đỗ Thị Hạnh",
    "Lê Thị Hương",
    "Nguyễn Thị Hương",
    "Trần Thị Hường",
    "Nguyễn Hoàng Quỳnh",
    "Trần Thị Thu",
    "Vũ Văn Thư",
    "Ngô Thị Yến",
    "Nguyễn Thị Yến",
]


@pytest.mark.django_db
def test_people_are_listed_in_vietnamese_order():
    """Person.objects.all() lists people by given name, middle and family name in
    the Vietnamese alphabet, on every database."""
    assert sorted(VIETNAMESE_ORDER) != VIETNAMESE_ORDER
    shuffled = VIETNAMESE_ORDER[:]
    random.Random(7).shuffle(shuffled)
    for name in shuffled:
        PersonFactory(full_name=name)
    assert [p.full_name for p in Person.objects.all()] == VIETNAMESE_ORDER


@pytest.mark.django_db
def test_decomposed_names_take_their_place_in_the_database():
    """A name saved with combining marks is listed where its precomposed form would
    be."""
    PersonFactory(full_name="Trần Minh Đức")
    PersonFactory(full_name=unicodedata.normalize("NFD", "Nguyễn Văn Dũng"))
    PersonFactory(full_name="Lê Thị Hương")
    assert [fold(p.full_name) for p in Person.objects.all()] == [
        "nguyen van dung",
        "tran minh duc",
        "le thi huong",
    ]


# ---------------------------------------------------------------- split_name


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Nguyễn Hoàng Quỳnh", ("Nguyễn", "Hoàng", "Quỳnh")),
        ("Thạch Thị Hồng Mơ", ("Thạch", "Thị Hồng", "Mơ")),
        ("Lê Lợi", ("Lê", "", "Lợi")),
        ("Quỳnh", ("", "", "Quỳnh")),
        ("  Ngô  Thị\tYến ", ("Ngô", "Thị", "Yến")),
        ("", ("", "", "")),
        ("   ", ("", "", "")),
        (None, ("", "", "")),
    ],
)
def test_split_name(full_name, parts):
    """A full name splits into family name, middle names and given name."""
    assert split_name(full_name) == parts


def test_highlight_marks_word_starts_without_tone_marks():
    """ "dang uy" marks "Đảng uỷ" in the original spelling, not the "uy" in "quy",
    and the excerpt is escaped HTML."""
    from core.text import highlight, search_terms

    text = "Đảng uỷ chỉ đạo <b>chính quy</b> hoá"
    marked = highlight(text, search_terms("dang uy"))
    assert marked == (
        "<mark>Đảng</mark> <mark>uỷ</mark> chỉ đạo &lt;b&gt;chính quy&lt;/b&gt; hoá"
    )


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("0204 3854 123", "02043854123"),
        ("0204.3854.123", "02043854123"),
        ("(0204) 3854-123", "02043854123"),
        ("+84 204 3854 123", "+842043854123"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_a_phone_number_is_dialable(written, dialled):
    from core.text import dialable

    assert dialable(written) == dialled
