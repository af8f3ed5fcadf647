from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("", views.honour_roll, name="honour_roll"),
    path("<int:year>/", views.honour_roll, name="honour_roll_year"),
]
