# The few settings this example needs, out of the file `django-admin startproject` writes.
SECRET_KEY = "django-insecure-replace-me"
DEBUG = True
ALLOWED_HOSTS = []
ROOT_URLCONF = "mysite.urls"
