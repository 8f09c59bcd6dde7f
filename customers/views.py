from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from customers.models import Customer


@login_required
def customer_list(request: HttpRequest) -> HttpResponse:
    customers = Customer.objects.all()[:100]
    return render(request, "customers/customer_list.html", {"customers": customers})
