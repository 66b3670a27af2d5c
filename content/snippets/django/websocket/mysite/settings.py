# The few settings this example needs, out of the file `django-admin startproject` writes.
SECRET_KEY = "django-insecure-replace-me"
DEBUG = True
ALLOWED_HOSTS = []
ROOT_URLCONF = "mysite.urls"
INSTALLED_APPS = [
    "daphne",  # first, so that its ASGI runserver replaces Django's
]
ASGI_APPLICATION = "mysite.asgi.application"
