"""The official-document library: plans, decisions, notices the college issues or cites."""

from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("<slug:slug>/", views.document_detail, name="document_detail"),
]
