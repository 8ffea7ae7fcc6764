import django_tables2 as tables
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from unionplans.people import display_name

from .models import Dossier


class DossierTable(tables.Table):
    title = tables.TemplateColumn(
        '<a href="{% url \'vpp:dossier_detail\' record.organization.slug record.pk %}">'
        "{{ record.title }}</a>",
        verbose_name=capfirst(_("title")),
    )
    next_due = tables.TemplateColumn(
        template_name="vpp/_next_due_cell.html", verbose_name=capfirst(_("next deadline"))
    )
    conseiller = tables.Column(verbose_name=capfirst(_("assigned union adviser")))

    class Meta:
        model = Dossier
        fields = ["title", "establishment", "service", "mode", "stage", "priority", "next_due",
                  "conseiller"]
        order_by = ("next_due",)
        attrs = {"class": "table table-sm table-hover align-middle stack-on-phone"}
        empty_text = _("No dossier yet.")

    def render_conseiller(self, value):
        return display_name(value)
