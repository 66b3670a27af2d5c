import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .forms import TodoForm
from .models import Todo


@csrf_exempt  # a JSON API called without a browser form, so no CSRF token
@require_http_methods(["GET", "POST"])
def todo_list(request):
    if request.method == "GET":
        todos = [todo.as_dict() for todo in Todo.objects.order_by("id")]
        return JsonResponse(todos, safe=False)
    form = TodoForm(json.loads(request.body))
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=422)
    todo = form.save()
    return JsonResponse(todo.as_dict(), status=201)


@csrf_exempt
@require_http_methods(["GET", "PUT", "DELETE"])
def todo_detail(request, pk):
    todo = get_object_or_404(Todo, pk=pk)
    if request.method == "GET":
        return JsonResponse(todo.as_dict())
    if request.method == "DELETE":
        todo.delete()
        return HttpResponse(status=204)
    form = TodoForm(json.loads(request.body), instance=todo)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=422)
    form.save()
    return JsonResponse(todo.as_dict())
