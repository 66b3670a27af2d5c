from django.http import JsonResponse


def item(request, item_id):
    return JsonResponse({"id": item_id, "q": request.GET.get("q")})
