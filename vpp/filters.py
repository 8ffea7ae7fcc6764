import django_filters
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Dossier, Stage


class DossierFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=pgettext_lazy("search field", "Search"), method="search")
    stage = django_filters.ChoiceFilter(
        label=capfirst(_("stage")), choices=Stage.choices,
        empty_label=pgettext_lazy("empty choice, of a feminine word (étape)", "(all)"),
    )
    mode = django_filters.ChoiceFilter(label=capfirst(_("mode")), choices=Dossier.Mode.choices)
    domain = django_filters.ChoiceFilter(
        label=capfirst(_("action domain")), choices=Dossier.Domain.choices
    )

    class Meta:
        model = Dossier
        fields = ["q", "stage", "mode", "domain"]

    def search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(establishment__icontains=word)
                | Q(service__icontains=word)
            )
        return queryset
