from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("<slug:category>/", views.article_list, name="category"),
    path("<slug:category>/<slug:slug>/", views.article_detail, name="article_detail"),
]
