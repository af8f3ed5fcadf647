from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("nhan-su/<slug:slug>/", views.person_detail, name="person_detail"),
    path("don-vi/<slug:slug>/", views.unit_detail, name="unit_detail"),
]
