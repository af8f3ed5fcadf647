"""Visitors' questions and feedback, and how to reach the college's office."""

from django.urls import path

from contact import views

app_name = "contact"

urlpatterns = [
    path("lien-he/", views.contact, name="contact"),
    path("lien-he/da-gui/", views.sent, name="sent"),
    path("hoi-dap/", views.faq, name="faq"),
    path("tuyen-bo-tiep-can/", views.accessibility, name="accessibility"),
]
