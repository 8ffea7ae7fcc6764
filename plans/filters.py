import django_filters
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import WorkPlan


class WorkPlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=pgettext_lazy("search field", "Search"), method="search", max_length=200
    )
    state = django_filters.ChoiceFilter(label=capfirst(_("state")), choices=WorkPlan.State.choices)
    year = django_filters.NumberFilter(
        label=_("Mandate covering the year"), method="covering_year", min_value=1900, max_value=2200
    )

    class Meta:
        model = WorkPlan
        fields = ["q", "state", "year"]

    def search(self, queryset, name, value):
        """In the title and in the actions' QUOI and QUI."""
        matching = Q(title__icontains=value) | Q(orientations__actions__what__icontains=value)
        matching |= Q(orientations__actions__responsible__icontains=value)
        return queryset.filter(pk__in=WorkPlan.objects.filter(matching).values("pk"))

    def covering_year(self, queryset, name, value):
        return queryset.filter(mandate_start__year__lte=value, mandate_end__year__gte=value)
