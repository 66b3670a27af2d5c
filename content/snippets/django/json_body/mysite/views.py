import itertools
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .forms import ItemForm

ids = itertools.count(1)


@csrf_exempt  # a JSON API called without a browser form, so no CSRF token
@require_POST
def create_item(request):
    form = ItemForm(json.loads(request.body))
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=422)
    return JsonResponse({"id": next(ids), **form.cleaned_data}, status=201)
