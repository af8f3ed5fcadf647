"""The few pieces of layout a stored body keeps, as classes of the site's own.

Word and other editors say "centred", "indented" and "this table has borders" with
inline styles. Public pages run under a policy without inline styles, and a style
value is where ``url(javascript:…)`` and ``expression(…)`` hide; so each declaration
that means one of these things is read against a strict pattern and turned into a
class (``align-center``, ``indent-2``, ``border-on``), and everything else in the
style is dropped. ``static/css/site.css`` and the editor's own stylesheet draw the
classes.
"""

import re

ALIGNED_TAGS = {"p", "h2", "h3", "h4", "td", "th"}
INDENTED_TAGS = {"p", "h2", "h3", "h4"}
BORDERED_TAGS = {"table", "td", "th"}
STYLED_TAGS = ALIGNED_TAGS | INDENTED_TAGS | BORDERED_TAGS

ALIGNMENTS = {"left", "center", "right", "justify"}
INDENT_LEVELS = 6
# One indent level is about what Word and CKEditor use for a step (36pt, 40px).
STEP = {"px": 40.0, "pt": 30.0, "em": 2.5, "cm": 1.27, "in": 0.5}
LENGTH = re.compile(r"(\d{1,4}(?:\.\d{1,3})?)(px|pt|em|cm|in)")
BORDER_STYLES = {"solid", "dotted", "dashed", "double", "groove", "ridge", "inset"}
INVISIBLE = {"none", "hidden"}
BORDER_WIDTH = re.compile(r"(?:\d{1,2}(?:\.\d{1,3})?(?:px|pt)|0|thin|medium|thick)")
COLOUR = re.compile(
    r"#[0-9a-f]{3,8}|[a-z]{3,20}"
    r"|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)"
)
BORDER_PROPERTIES = {
    "border", "border-top", "border-right", "border-bottom", "border-left",
    "border-style",
}  # fmt: skip

CLASSES = {
    **{f"align-{value}": ALIGNED_TAGS for value in ALIGNMENTS},
    **{f"indent-{level}": INDENTED_TAGS for level in range(1, INDENT_LEVELS + 1)},
    "border-on": BORDERED_TAGS,
    "border-off": BORDERED_TAGS,
}


def declarations(style):
    """``(property, value)`` pairs of a style attribute, lower-cased and trimmed."""
    for declaration in style.lower().split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            yield name.strip(), " ".join(value.replace("!important", "").split())


def indent_level(value):
    """1–6 for an indentation of a sensible length; None for anything else."""
    match = LENGTH.fullmatch(value)
    if match is None:
        return None
    steps = round(float(match.group(1)) / STEP[match.group(2)])
    return min(steps, INDENT_LEVELS) if steps > 0 else None


def border_state(value):
    """``"on"`` for a visible border, ``"off"`` for none, None if not understood."""
    tokens = value.split()
    if not 1 <= len(tokens) <= 3:
        return None
    state = None
    for token in tokens:
        if token in BORDER_STYLES:
            state = state or "on"
        elif token in INVISIBLE:
            state = "off"
        elif not (BORDER_WIDTH.fullmatch(token) or COLOUR.fullmatch(token)):
            return None
    if state is None and tokens in (["0"], ["0px"], ["0pt"]):
        state = "off"
    return state


def classes_from_style(tag, style):
    """The site's classes for what ``style`` says that ``tag`` may keep."""
    classes = []
    levels = []
    borders = set()
    for name, value in declarations(style):
        if name == "text-align" and tag in ALIGNED_TAGS and value in ALIGNMENTS:
            classes.append(f"align-{value}")
        elif name in {"margin-left", "padding-left"} and tag in INDENTED_TAGS:
            levels.append(indent_level(value) or 0)
        elif name in BORDER_PROPERTIES and tag in BORDERED_TAGS:
            borders.add(border_state(value))
    if max(levels, default=0):
        classes.append(f"indent-{max(levels)}")
    # A cell with any visible side is drawn bordered; one whose sides all say
    # none is drawn without.
    if "on" in borders:
        classes.append("border-on")
    elif "off" in borders:
        classes.append("border-off")
    return list(dict.fromkeys(classes))


def known_classes(tag, value):
    """Of a class attribute, only the site's layout classes this tag may carry."""
    return [name for name in value.split() if tag in CLASSES.get(name, ())]


def table_border(value):
    """A table's ``border`` attribute as a small whole number, or None."""
    value = value.strip()
    return value if re.fullmatch(r"\d{1,2}", value) and int(value) <= 10 else None
