import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import WorkPlan


class WorkPlanTable(tables.Table):
    title = tables.Column(verbose_name=capfirst(_("title")), linkify=False)
    mandate = tables.Column(
        verbose_name=capfirst(_("mandate")),
        accessor="mandate_start",
        order_by=("mandate_start", "mandate_end"),
    )
    state = tables.Column(verbose_name=capfirst(_("state")))
    adopted_on = tables.DateColumn(verbose_name=capfirst(_("adopted on")), format="j F Y")
    action_count = tables.Column(
        verbose_name=capfirst(_("actions")), attrs={"td": {"class": "text-end"}}
    )
    updated_at = tables.DateColumn(verbose_name=capfirst(_("updated")), format="j F Y")

    class Meta:
        model = WorkPlan
        fields = ["title", "mandate", "state", "adopted_on", "action_count", "updated_at"]
        order_by = ("-mandate",)
        attrs = {"class": "table table-sm table-hover align-middle stack-on-phone"}
        empty_text = _("No plan yet.")

    def render_title(self, record):
        url = reverse("plans:detail", args=[record.organization.slug, record.pk])
        return format_html('<a href="{}">{}</a>', url, record.title)

    def render_mandate(self, record):
        return record.mandate_label

    def render_state(self, record):
        return record.get_state_display()
