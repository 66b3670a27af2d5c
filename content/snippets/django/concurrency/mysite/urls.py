from django.urls import path

from . import views

urlpatterns = [
    path("both", views.both),
]
