"""The news section's own pages; pages/urls.py mounts them under ``news:`` together
with the article page, which shows other apps too."""

from django.urls import path

from news import views

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("<slug:category>/", views.article_list, name="category"),
]
