"""Photo captions: the block after "Dưới đây là một số hình ảnh …" and every line
"Ảnh: …" wherever it stands. A caption is not a paragraph of the body.
"""

import re

GALLERY = re.compile(r"^Dưới đây là\b.*\bhình ảnh\b", re.IGNORECASE)
PHOTO_LINE = re.compile(r"^Ảnh\s*:\s*(.+)$")


def split_captions(lines):
    """(body lines, captions, source lines) from the lines before the byline."""
    body, captions = [], []
    gallery = next((i for i, line in enumerate(lines) if GALLERY.match(line)), None)
    for index, line in enumerate(lines):
        if gallery is not None and index == gallery:
            continue
        if match := PHOTO_LINE.match(line):
            captions.append(match.group(1).strip())
        elif gallery is not None and index > gallery:
            captions.append(line)
        else:
            body.append(line)
    return body, captions
