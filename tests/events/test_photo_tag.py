"""{% photo %} and {% photo_url %}: the one way a page shows a photo."""

import io
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image, ImageDraw

from core.images import rendition_name
from events.models import Photo
from events.templatetags.photos import GALLERY_SIZES
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

EXIF_ORIENTATION = 0x0112


def jpeg_bytes(size, orientation=None):
    """A real JPEG of ``size`` pixels, as a phone or a scanner would send."""
    image = Image.new("RGB", size, (180, 30, 40))
    draw = ImageDraw.Draw(image)
    draw.rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), "gold")
    exif = Image.Exif()
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


def processed_photo(meeting=None, size=(1800, 1200), caption="", orientation=None):
    """A photo saved as an upload is: processed, with its master and renditions."""
    photo = Photo(
        meeting=meeting or MeetingFactory(),
        caption=caption,
        image=SimpleUploadedFile(
            "IMG_0001.jpg", jpeg_bytes(size, orientation), "image/jpeg"
        ),
    )
    photo.save()
    return photo


class Elements(HTMLParser):
    """Every start tag of a fragment, with its attributes, in order."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag):
        return [attrs for name, attrs in self.found if name == tag]

    def one(self, tag):
        (attrs,) = self.all(tag)
        return attrs


def render(source, **context):
    return Template("{% load photos %}" + source).render(Context(context))


def stored_name(url):
    assert url.startswith(settings.MEDIA_URL), url
    return unquote(url.removeprefix(settings.MEDIA_URL))


def srcset_entries(srcset):
    """``"a.jpg 320w, b.jpg 640w"`` → ``[("a.jpg", 320), ("b.jpg", 640)]``."""
    entries = []
    for entry in srcset.split(","):
        url, descriptor = entry.split()
        assert descriptor.endswith("w"), entry
        entries.append((url, int(descriptor.removesuffix("w"))))
    return entries


def test_picture_with_webp_source_and_jpeg_img():
    """A processed photo is a <picture>: a WebP <source> and a JPEG <img>."""
    photo = processed_photo()
    elements = Elements(render("{% photo photo %}", photo=photo))
    assert [tag for tag, _attrs in elements.found] == ["picture", "source", "img"]
    assert elements.one("source")["type"] == "image/webp"


def test_every_srcset_entry_is_a_stored_rendition():
    """Each srcset entry is "<url> <n>w", n one of the photo's widths, the file
    in storage and of that width and format."""
    photo = processed_photo()
    assert photo.renditions == [320, 640, 1024, 1600]
    elements = Elements(render("{% photo photo %}", photo=photo))
    for attrs, extension, image_format in (
        (elements.one("source"), "webp", "WEBP"),
        (elements.one("img"), "jpg", "JPEG"),
    ):
        entries = srcset_entries(attrs["srcset"])
        assert [width for _url, width in entries] == photo.renditions
        for url, width in entries:
            name = stored_name(url)
            assert name == rendition_name(photo.image.name, width, extension)
            assert default_storage.exists(name)
            with default_storage.open(name) as file, Image.open(file) as image:
                assert (image.format, image.width) == (image_format, width)


def test_src_is_the_jpeg_closest_to_640():
    """Browsers without srcset get the 640 px JPEG, not the 2000 px master."""
    photo = processed_photo()
    img = Elements(render("{% photo photo %}", photo=photo)).one("img")
    assert stored_name(img["src"]) == rendition_name(photo.image.name, 640, "jpg")


def test_sizes_on_the_source_and_the_img():
    """Both the <source> and the <img> carry sizes: the gallery's by default,
    the one given otherwise."""
    photo = processed_photo()
    elements = Elements(render("{% photo photo %}", photo=photo))
    assert elements.one("source")["sizes"] == GALLERY_SIZES
    assert elements.one("img")["sizes"] == GALLERY_SIZES
    elements = Elements(
        render('{% photo photo sizes="(min-width: 60rem) 58rem, 100vw" %}', photo=photo)
    )
    assert elements.one("source")["sizes"] == "(min-width: 60rem) 58rem, 100vw"
    assert elements.one("img")["sizes"] == "(min-width: 60rem) 58rem, 100vw"


@pytest.mark.parametrize(
    ("size", "orientation", "expected"),
    [((1800, 1200), None, (1800, 1200)), ((1200, 900), 6, (900, 1200))],
)
def test_width_and_height_are_the_masters(size, orientation, expected):
    """width and height are the stored master's, turned upright: no layout shift."""
    photo = processed_photo(size=size, orientation=orientation)
    img = Elements(render("{% photo photo %}", photo=photo)).one("img")
    # Read by name, as a page does: the saved instance's FieldFile still holds the
    # upload, not the stored master.
    with default_storage.open(photo.image.name) as file, Image.open(file) as master:
        assert master.size == expected
    assert (int(img["width"]), int(img["height"])) == expected


def test_alt_is_the_caption():
    """The alt text is the caption when there is one."""
    photo = processed_photo(caption="Đồng chí Ngô Thị Yến trao giấy khen")
    img = Elements(render("{% photo photo %}", photo=photo)).one("img")
    assert img["alt"] == "Đồng chí Ngô Thị Yến trao giấy khen"


def test_alt_without_caption_names_the_meeting():
    """A photo without caption still has an alt text: the meeting's title."""
    meeting = MeetingFactory(title="Hội nghị tổng kết công tác năm 2023")
    photo = processed_photo(meeting=meeting, caption="")
    img = Elements(render("{% photo photo %}", photo=photo)).one("img")
    assert img["alt"].strip()
    assert "Hội nghị tổng kết công tác năm 2023" in img["alt"]


def test_alt_text_is_escaped():
    """Quotes and < in a caption stay text: the attribute reads back whole."""
    caption = 'Trao giải "Lao động <giỏi>" & khen thưởng'
    photo = processed_photo(caption=caption)
    html = render("{% photo photo %}", photo=photo)
    assert "<giỏi>" not in html
    assert Elements(html).one("img")["alt"] == caption


def test_lazy_by_default_eager_when_asked():
    """Photos load lazily unless marked eager, which also raises their priority;
    all decode asynchronously."""
    photo = processed_photo()
    lazy = Elements(render("{% photo photo %}", photo=photo)).one("img")
    eager = Elements(render("{% photo photo eager=True %}", photo=photo)).one("img")
    assert lazy["loading"] == "lazy"
    assert "fetchpriority" not in lazy
    assert (eager["loading"], eager["fetchpriority"]) == ("eager", "high")
    assert lazy["decoding"] == eager["decoding"] == "async"


def test_css_class_goes_on_the_img():
    """css_class is the <img>'s class; no class attribute without one."""
    photo = processed_photo()
    html = render('{% photo photo css_class="cover" %}', photo=photo)
    assert Elements(html).one("img")["class"] == "cover"
    assert "class" not in Elements(render("{% photo photo %}", photo=photo)).one("img")


def test_photo_without_image_renders_nothing():
    """A caption imported before its photo is never shown."""
    photo = Photo.objects.create(meeting=MeetingFactory(), caption="Chưa có ảnh")
    assert render("{% photo photo %}", photo=photo).strip() == ""
    assert render("{% photo_url photo 1600 %}", photo=photo) == ""


def test_small_photo_has_a_single_srcset_entry():
    """A photo narrower than the smallest width has one rendition at its own width."""
    photo = processed_photo(size=(300, 200))
    assert photo.renditions == [300]
    elements = Elements(render("{% photo photo %}", photo=photo))
    for attrs, extension in (
        (elements.one("source"), "webp"),
        (elements.one("img"), "jpg"),
    ):
        ((url, width),) = srcset_entries(attrs["srcset"])
        assert width == 300
        assert stored_name(url) == rendition_name(photo.image.name, 300, extension)
        assert default_storage.exists(stored_name(url))
    img = elements.one("img")
    assert stored_name(img["src"]) == rendition_name(photo.image.name, 300, "jpg")
    assert (img["width"], img["height"]) == ("300", "200")


def test_photo_without_renditions_is_its_master():
    """A photo stored before renditions existed is a plain <img> of its master."""
    photo = processed_photo()
    photo.renditions = []
    elements = Elements(render("{% photo photo %}", photo=photo))
    assert [tag for tag, _attrs in elements.found] == ["img"]
    img = elements.one("img")
    assert img["src"] == photo.image.url
    assert "srcset" not in img
    assert img["alt"] and img["loading"] == "lazy"
    assert render("{% photo_url photo 1600 %}", photo=photo) == photo.image.url


@pytest.mark.parametrize(
    ("size", "asked", "expected"),
    [((1800, 1200), 1600, 1600), ((1800, 1200), 800, 640), ((1100, 800), 1600, 1024)],
)
def test_photo_url_is_the_closest_jpeg(size, asked, expected):
    """photo_url gives the JPEG rendition closest to the width asked for."""
    photo = processed_photo(size=size)
    url = render(f"{{% photo_url photo {asked} %}}", photo=photo)
    assert stored_name(url) == rendition_name(photo.image.name, expected, "jpg")
    assert default_storage.exists(stored_name(url))


def test_gallery_shows_each_photo_with_its_caption():
    """The gallery has a figure per photo: the image, linked to its 1600 px JPEG,
    and a figcaption with the caption; the first photo loads eagerly, the others
    lazily."""
    meeting = MeetingFactory()
    captions = ["Toàn cảnh hội nghị", "Đại biểu phát biểu", "Trao giấy khen"]
    photos = [processed_photo(meeting, caption=caption) for caption in captions]
    html = Template('{% include "events/includes/gallery.html" %}').render(
        Context({"photos": photos})
    )
    elements = Elements(html)
    assert len(elements.all("figure")) == 3
    for caption in captions:
        assert f"<figcaption>{caption}</figcaption>" in html
    assert [img["loading"] for img in elements.all("img")] == ["eager", "lazy", "lazy"]
    assert [img["alt"] for img in elements.all("img")] == captions
    links = [stored_name(a["href"]) for a in elements.all("a")]
    assert links == [rendition_name(p.image.name, 1600, "jpg") for p in photos]


def test_gallery_skips_a_photo_without_image():
    """A caption waiting for its photo gets no figure in the gallery."""
    meeting = MeetingFactory()
    waiting = Photo.objects.create(meeting=meeting, caption="Chưa có ảnh")
    shown = processed_photo(meeting, caption="Toàn cảnh hội nghị")
    html = Template('{% include "events/includes/gallery.html" %}').render(
        Context({"photos": [waiting, shown]})
    )
    assert len(Elements(html).all("figure")) == 1
    assert "Chưa có ảnh" not in html
