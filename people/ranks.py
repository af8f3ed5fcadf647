"""How senior a title is, so lists of leaders read as the college writes them.

The Ban Giám hiệu is listed Hiệu trưởng first, then the Phó Hiệu trưởng; a party
committee Bí thư, Phó Bí thư, then its members; an office its Trưởng phòng before its
Phó and its staff. Alphabetical order would put a deputy before the head, so a
position carries a rank computed from its title by this rule (an editor may override
it for a title the rule does not know). Used by ``Position.save`` and by the
migration that ranked the positions recorded before.
"""

from core.text import fold_words

HEAD = 10
DEPUTY = 20
MEMBER = 30
OTHER = 90

# Folded words a head's title begins with: "Hiệu trưởng", "Giám đốc", "Trưởng
# phòng/khoa/ban", "Bí thư Đảng ủy", "Chủ tịch Công đoàn", "Chủ nhiệm".
HEAD_STARTS = ("hieu truong", "giam doc", "truong", "bi thu", "chu tich", "chu nhiem")


def rank_of_title(title):
    """The rank of ``title``: a head's, a deputy's ("Phó …"), a committee
    member's ("… ủy viên", "Ủy viên …"), or any other title's, in that order."""
    words = fold_words(title)
    if words.startswith("pho "):
        return DEPUTY
    if any(words == start or words.startswith(f"{start} ") for start in HEAD_STARTS):
        return HEAD
    if "uy vien" in words:
        return MEMBER
    return OTHER


# Positions at these ranks make a unit's leadership on the organisation page.
LEADERSHIP = (HEAD, DEPUTY, MEMBER)
