"""The addresses of the pages that show several apps, and of the crawlers' files.

The sections keep their namespaces whichever app renders a page: an article is
``news:article_detail``, a person ``people:person_detail``. A section's own pages
come from its app's ``urls`` (news.urls, events.urls); the detail pages that draw on
other apps are added to the same namespace here, and ngt_portal/urls.py mounts them.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import path

from events import urls as events_urls
from news import urls as news_urls
from pages import intro, schedule, views
from pages.sitemaps import sitemap_index, sitemap_section

news = (
    [
        *news_urls.urlpatterns,
        path(
            "<slug:category>/<slug:slug>/", views.article_detail, name="article_detail"
        ),
    ],
    "news",
)

events = (
    [
        *events_urls.urlpatterns,
        path("<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    ],
    "events",
)

people = (
    [
        path("nhan-su/<slug:slug>/", views.person_detail, name="person_detail"),
        path("don-vi/<slug:slug>/", views.unit_detail, name="unit_detail"),
    ],
    "people",
)

urlpatterns = [
    *intro.urlpatterns,
    *schedule.urlpatterns,
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    # An index of sections, so a sitemap stays within 50,000 addresses.
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Under the admin's address, before the admin's own catch-all patterns.
    path(
        f"{settings.ADMIN_URL}news/article/<int:pk>/xem-truoc/",
        admin.site.admin_view(views.article_preview),
        name="news_article_preview",
    ),
]
