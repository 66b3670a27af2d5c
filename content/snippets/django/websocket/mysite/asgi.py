import os

from channels.routing import ProtocolTypeRouter, URLRouter
from django.core.asgi import get_asgi_application
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
# Set Django up before importing consumers, which may import models.
django_asgi_app = get_asgi_application()

from .consumers import EchoConsumer

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter([path("ws", EchoConsumer.as_asgi())]),
    }
)
