import json

from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST


# A browser form would send Django's CSRF token; this JSON endpoint is exempted instead.
@csrf_exempt
@require_POST
def login_view(request):
    credentials = json.loads(request.body)
    user = authenticate(
        request, username=credentials.get("username"), password=credentials.get("password")
    )
    if user is None:
        return JsonResponse({"error": "Invalid username or password."}, status=401)
    login(request, user)
    return JsonResponse({"username": user.username})


@require_GET
def me(request):
    # login_required would redirect to a log-in page; an API answers 401 instead.
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Not logged in."}, status=401)
    return JsonResponse({"username": request.user.username})
