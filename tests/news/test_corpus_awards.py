"""On every corpus article, the awards and elected lists read are those expected.json
states, or are reported as uncertain: a recipient or a member is never wrong
silently, and an award whose recipients are not named is a count in the report,
never a record. ``pytest -s`` prints what was recognised per file."""

import pytest

from news.grammar.awards import read_awards
from news.grammar.elected import read_elected
from tests.news.test_corpus import ENTRIES, NAMES, article_text


def recipient_row(recipient):
    if recipient.is_person:
        row = {
            "person": recipient.person,
            "honorific": recipient.honorific,
            "position": recipient.position,
        }
        if recipient.unit:
            row["unit"] = recipient.unit
        return row
    return {"unit": recipient.unit}


def expected_row(recipient):
    return {key: value for key, value in recipient.items() if key != "unit" or value}


def award_row(award):
    return {
        "kind": award.kind,
        "title": award.title,
        "issuer": award.issuer,
        "decision_number": award.decision_number,
        "decision_date": award.decision_date.isoformat()
        if award.decision_date
        else None,
        "year": award.year,
        "recipients": [recipient_row(r) for r in award.recipients],
    }


def expected_award(award):
    return {
        "kind": award["kind"],
        "title": award["title"],
        "issuer": award["issuer"],
        "decision_number": award["decision_number"],
        "decision_date": award["decision_date"],
        "year": award["year"],
        "recipients": [expected_row(r) for r in award["recipients"]],
    }


def body_row(body):
    return {
        "body": body.body,
        "count": len(body.members),
        "form": body.form,
        "members": [
            {"person": m.person, "honorific": m.honorific, "position": m.position}
            for m in body.members
        ],
        "offices": [
            {"name": m.person, "office": m.office} for m in body.members if m.office
        ],
    }


def expected_body(body):
    return {key: body[key] for key in ("body", "count", "form", "members", "offices")}


@pytest.mark.parametrize("name", NAMES)
def test_named_awards_are_those_expected_or_reported(name):
    reading = read_awards(article_text(name))
    expected = [a for a in ENTRIES[name]["awards"] if a["recipients"]]
    found = [award_row(a) for a in reading.awards]
    wanted = [expected_award(a) for a in expected]
    certain = [award_row(a) for a in reading.awards if a.certain]
    # Every award read without doubt is one the table expects, and every award the
    # table expects is read, or the reading reports it could not be sure.
    assert all(row in wanted for row in certain)
    assert all(row in found for row in wanted) or reading.report()


@pytest.mark.parametrize("name", NAMES)
def test_awards_given_only_as_a_number_are_counts_not_records(name):
    reading = read_awards(article_text(name))
    expected = [a for a in ENTRIES[name]["awards"] if not a["recipients"]]
    counted = {(a.kind, a.title, a.count) for a in reading.counted}
    for award in expected:
        assert (award["kind"], award["title"], award["count"]) in counted
    assert all(not a.recipients and not a.certain for a in reading.counted)
    assert len(reading.report()) >= len(reading.counted)


@pytest.mark.parametrize("name", NAMES)
def test_elected_lists_are_those_expected_or_reported(name):
    reading = read_elected(article_text(name))
    found = [body_row(b) for b in reading.bodies]
    wanted = [expected_body(b) for b in ENTRIES[name]["elected"]]
    certain = [body_row(b) for b in reading.bodies if b.certain]
    assert all(row in wanted for row in certain)
    assert all(row in found for row in wanted) or reading.report()


def test_the_corpus_is_read_without_doubt_where_the_table_names_everyone():
    """Today's rules read every named award and elected list of the corpus exactly;
    a change that loses one shows here first."""
    for name in NAMES:
        awards = read_awards(article_text(name))
        elected = read_elected(article_text(name))
        assert [award_row(a) for a in awards.awards] == [
            expected_award(a) for a in ENTRIES[name]["awards"] if a["recipients"]
        ], name
        assert [body_row(b) for b in elected.bodies] == [
            expected_body(b) for b in ENTRIES[name]["elected"]
        ], name
        assert all(a.certain for a in awards.awards), name
        assert all(b.certain for b in elected.bodies), name


def test_names_that_look_alike_stay_two_recipients():
    """Nguyễn Thị Yên and Nguyễn Thị Yến, Lương Thị Hương and Lương Thị Hường are
    read as the text writes them, each with their own position."""
    awards = read_awards(article_text("20-khen-thuong-nam-hoc-2023-2024.txt")).awards
    positions = {
        r.person: r.position for award in awards for r in award.recipients if r.person
    }
    assert positions["Nguyễn Thị Yên"] == "Bí thư Đoàn Thanh niên Trường"
    assert positions["Nguyễn Thị Yến"] == "Trưởng khoa Ngoại ngữ – Tin học"
    assert positions["Lương Thị Hường"] == "Chuyên viên Phòng Tổ chức – Hành chính"


def test_print_the_recognition_table():
    """The table ``pytest -s`` shows: per file, what was read and what was doubted."""
    rows = []
    for name in NAMES:
        awards = read_awards(article_text(name))
        elected = read_elected(article_text(name))
        rows.append(
            (
                name[:2],
                len(ENTRIES[name]["awards"]),
                len(awards.awards) + len(awards.counted),
                sum(len(a.recipients) for a in awards.awards),
                len(ENTRIES[name]["elected"]),
                len(elected.bodies),
                sum(len(b.members) for b in elected.bodies),
                len(awards.report()) + len(elected.report()),
            )
        )
    print(
        "\nfile  awards expected/read  recipients  elected expected/read  members  reported"
    )
    for row in rows:
        print("{:>4}  {:>8}/{:<11} {:>10}  {:>8}/{:<12} {:>7}  {:>8}".format(*row))
    # Every award the table lists is read, as a record or as a count.
    assert all(read >= expected for _, expected, read, *_ in rows)
