"""The events section's own pages; pages/urls.py mounts them under ``events:``
together with the meeting page, which shows other apps too."""

from django.urls import path

from events import views

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
]
