from django.urls import path

from . import views

urlpatterns = [
    path("items", views.create_item),
]
