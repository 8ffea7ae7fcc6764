import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import EntraidePlan


class PlanTable(tables.Table):
    year = tables.Column(verbose_name=_("Year"))
    period_label = tables.Column(verbose_name=_("Period"))
    status = tables.Column(verbose_name=_("Status"))
    pdf = tables.Column(verbose_name=_("PDF"), empty_values=(), orderable=False)

    class Meta:
        model = EntraidePlan
        fields = ["year", "period_label", "status"]
        order_by = ["-year"]
        attrs = {"class": "table table-sm align-middle stack-on-phone"}
        empty_text = _("No plan yet: start one from a template.")

    def __init__(self, *args, slug: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.slug = slug

    def render_period_label(self, value, record):
        url = reverse("entraide:plan_detail", kwargs={"slug": self.slug, "pk": record.pk})
        return format_html('<a href="{}">{}</a>', url, value)

    def render_pdf(self, record):
        url = reverse("entraide:plan_pdf", kwargs={"slug": self.slug, "pk": record.pk})
        return format_html('<a href="{}">{}</a>', url, _("Download (PDF)"))
