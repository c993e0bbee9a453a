from django.urls import path

app_name = "contests"
urlpatterns: list = []
