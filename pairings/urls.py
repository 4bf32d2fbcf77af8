from django.urls import path

from . import views

app_name = "pairings"

urlpatterns = [
    path("", views.home, name="home"),
    path("pairings/<int:pk>/", views.pairing_detail, name="pairing_detail"),
]
