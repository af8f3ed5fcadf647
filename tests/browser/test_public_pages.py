"""A visitor reads the public site in a real browser, on a phone and a desktop.

The demo content (``load_demo``) gives the annual-review article with five captioned
photos. The live server serves the uploads through ``tests/browser/urls.py``.
"""

import re

import pytest
from django.core.management import call_command
from django.template import Context, Template

from core.text import slugify_vi
from demo.content import ANNUAL_REVIEW, QUYNH
from events.models import Meeting
from events.queries import public_photos
from news.models import Article
from people.models import Person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]

PHONE = (360, 780)
DESKTOP = (1440, 900)
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=["phone-360", "desktop-1440"]
)


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.fixture
def article(demo):
    return Article.objects.select_related("category").get(meeting__slug=ANNUAL_REVIEW)


@pytest.fixture
def photos(article):
    return list(public_photos(article.meeting))


def large_url(photo):
    """The 1600 px JPEG a gallery link points to, as the page writes it."""
    template = Template("{% load photos %}{% photo_url photo 1600 %}")
    return template.render(Context({"photo": photo}))


def expect(target):
    """Playwright's waiting assertions, imported once the browser fixture has run."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def image_loaded(locator):
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=locator.element_handle()
    )


@VIEWPORTS
def test_article_shows_every_photo_with_its_caption(
    open_page, live_server, article, photos, viewport
):
    """The annual-review article reads well at 360 and 1440 px: its title, five
    photos each with its caption right under it, no sideways scrolling on a phone,
    images that reserve their space and describe themselves, one loaded eagerly."""
    page = open_page(*viewport)
    response = page.goto(live_server.url + article.get_absolute_url())

    assert response.status == 200
    title = page.get_by_role("heading", level=1)
    assert title.is_visible()
    assert title.inner_text().strip() == article.title
    figures = page.locator(".gallery figure")
    assert figures.count() == len(photos) == 5
    captions = page.locator(".gallery figcaption")
    assert captions.count() == 5
    assert [c.strip() for c in captions.all_inner_texts()] == [
        p.caption for p in photos
    ]
    for figure in figures.all():
        image = figure.locator("img")
        image_loaded(image)
        caption = figure.locator("figcaption")
        assert caption.is_visible()
        image_box, caption_box = image.bounding_box(), caption.bounding_box()
        assert caption_box["y"] >= image_box["y"] + image_box["height"] - 1
        assert caption_box["x"] < image_box["x"] + image_box["width"]
        assert image_box["x"] < caption_box["x"] + caption_box["width"]

    images = page.locator(".gallery img")
    for image in images.all():
        assert int(image.get_attribute("width")) > 0
        assert int(image.get_attribute("height")) > 0
        assert image.get_attribute("alt").strip()
    loading = [image.get_attribute("loading") for image in images.all()]
    assert loading == ["eager"] + ["lazy"] * 4
    if viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


@VIEWPORTS
def test_lightbox_keyboard_buttons_and_swipe(
    open_page, live_server, article, photos, viewport, screenshot
):
    """The second photo opens in the lightbox: its large image, caption and
    "2 / 5". Arrow keys move, and going past either end wraps around to the other;
    Esc and the close button close it and give focus back to the photo's link; a
    swipe moves to the next photo. The page behind stays still meanwhile."""
    page = open_page(*viewport)
    page.goto(live_server.url + article.get_absolute_url())
    links = page.locator(".gallery a")
    dialog = page.locator("dialog.lightbox")
    image = dialog.locator("img")
    counter = dialog.locator(".lightbox-counter")
    caption = dialog.locator(".lightbox-caption")

    def shows(number):
        photo = photos[number - 1]
        expect(dialog).to_be_visible()
        expect(counter).to_have_text(re.compile(rf"(^|\s){number} / 5$"))
        expect(image).to_have_attribute("src", large_url(photo))
        grid_alt = links.nth(number - 1).locator("img").get_attribute("alt")
        expect(image).to_have_attribute("alt", grid_alt)
        expect(caption).to_have_text(photo.caption)

    def focus_is_on_second_link():
        page.wait_for_function(
            "() => document.activeElement"
            " === document.querySelectorAll('.gallery a')[1]"
        )

    links.nth(1).click()
    dialog.wait_for(state="visible")
    shows(2)
    image_loaded(image)
    assert page.evaluate(
        "document.activeElement === document.querySelector('.lightbox-close')"
    )
    assert page.evaluate(
        "getComputedStyle(document.documentElement).overflow === 'hidden'"
    )
    screenshot(page, "open")

    page.keyboard.press("ArrowRight")
    shows(3)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    shows(1)
    page.keyboard.press("ArrowLeft")  # wraps around to the last photo
    shows(5)
    page.keyboard.press("ArrowRight")  # and from the last back to the first
    shows(1)

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    focus_is_on_second_link()
    page.wait_for_function(
        "() => getComputedStyle(document.documentElement).overflow !== 'hidden'"
    )

    page.keyboard.press("Enter")  # the focused link opens it again
    dialog.wait_for(state="visible")
    shows(2)
    dialog.get_by_role("button", name=re.compile("Close|Đóng")).click()
    dialog.wait_for(state="hidden")
    focus_is_on_second_link()

    links.nth(1).click()
    dialog.wait_for(state="visible")
    box = dialog.locator(".lightbox-frame").bounding_box()
    y = box["y"] + box["height"] / 2

    def drag(from_x, to_x):
        page.mouse.move(from_x, y)
        page.mouse.down()
        page.mouse.move((from_x + to_x) / 2, y + 5)
        page.mouse.move(to_x, y + 10)
        page.mouse.up()

    middle = box["x"] + box["width"] / 2
    drag(middle + 80, middle - 80)  # a swipe to the left: the next photo
    shows(3)
    drag(middle - 80, middle + 80)  # to the right: back
    shows(2)
    drag(middle, middle - 20)  # too short to be a swipe
    shows(2)
    page.evaluate(
        """frame => {
            const touch = (type, x) => frame.dispatchEvent(new PointerEvent(type, {
                pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true,
                clientX: x, clientY: 300}));
            touch('pointerdown', 300);
            touch('pointerup', 200);
        }""",
        dialog.locator(".lightbox-frame").element_handle(),
    )  # a finger's swipe to the left
    shows(3)
    screenshot(page, "swiped")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")


def test_lightbox_buttons_and_preloading(open_page, live_server, article, photos):
    """The next and previous buttons move and wrap around; while a photo is shown,
    its neighbours' large renditions are already being fetched."""
    page = open_page(*DESKTOP)
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(".gallery a").nth(1).click()
    dialog = page.locator("dialog.lightbox")
    counter = dialog.locator(".lightbox-counter")
    dialog.wait_for(state="visible")

    for stem in (photos[0].image.name, photos[2].image.name):
        stem = stem.rsplit(".", 1)[0]
        page.wait_for_function(
            """stem => performance.getEntriesByType('resource').some(
                e => e.name.includes(stem + '/1024.') || e.name.includes(stem + '/1600.'))""",
            arg=stem,
        )
    next_button = dialog.get_by_role("button", name=re.compile("Next|sau"))
    previous_button = dialog.get_by_role("button", name=re.compile("Previous|trước"))
    next_button.click()
    expect(counter).to_have_text(re.compile(r"(^|\s)3 / 5$"))
    previous_button.click()
    previous_button.click()
    previous_button.click()
    expect(counter).to_have_text(re.compile(r"(^|\s)5 / 5$"))
    page.keyboard.press("Home")
    expect(counter).to_have_text(re.compile(r"(^|\s)1 / 5$"))
    page.keyboard.press("End")
    expect(counter).to_have_text(re.compile(r"(^|\s)5 / 5$"))


def test_without_javascript_a_photo_opens_its_large_jpeg(
    open_page, live_server, article, photos
):
    """A visitor without JavaScript still gets the large photo: the link is a plain
    link to the 1600 px JPEG."""
    page = open_page(*PHONE, javascript=False)
    page.goto(live_server.url + article.get_absolute_url())
    link = page.locator(".gallery a").nth(1)

    with page.expect_navigation() as navigation:
        link.click()

    response = navigation.value
    assert response.status == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert page.url == live_server.url + large_url(photos[1])


def test_public_pages_open_without_errors(
    open_page, live_server, article, browser_problems, screenshot
):
    """Every kind of public page opens in the browser without a console error, an
    uncaught exception or a failed request to the site."""
    meeting = Meeting.objects.get(slug=ANNUAL_REVIEW)
    person = Person.objects.get(slug=slugify_vi(QUYNH))
    pages = {
        "home": "/",
        "articles": "/tin-tuc/",
        "article": article.get_absolute_url(),
        "meetings": "/su-kien/",
        "meeting": meeting.get_absolute_url(),
        "honours": "/khen-thuong/",
        "search": "/tim-kiem/?q=hoi+nghi+tong+ket",
        "person": person.get_absolute_url(),
    }
    page = open_page(*DESKTOP)
    problems = browser_problems(page)
    found = {}
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if response.status != 200:
            problems.found.append(f"status {response.status}")
        if problems.found:
            found[name] = problems.take()
        screenshot(page, name, full_page=True)

    assert found == {}


def test_phone_menu_opens_and_closes_with_the_keyboard(open_page, live_server, demo):
    """At 360 px the navigation sits behind a menu button, which Enter opens and
    Space closes again; it says which state it is in."""
    page = open_page(*PHONE)
    page.goto(live_server.url + "/")
    toggle = page.locator("header button[aria-expanded]")
    assert toggle.count() == 1
    assert toggle.is_visible()
    menu = page.locator("#" + toggle.get_attribute("aria-controls"))
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link").first).to_be_visible()

    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
