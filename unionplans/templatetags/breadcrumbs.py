from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("_breadcrumbs.html")
def breadcrumbs(organization, *trail):
    """Every page's breadcrumb: My organizations › the organization › the trail.

    `trail` is label, address pairs, then the current page's label (none on the
    organization's own page). A pair whose label or address is empty is left out, so a
    page shared by several views can name a crumb that only some of them have::

        {% url 'plans:list' organization.slug as list_url %}
        {% url 'plans:detail' organization.slug plan.pk as plan_url %}
        {% breadcrumbs organization _("Work plans") list_url plan.title plan_url heading %}
    """
    if trail and len(trail) % 2 == 0:
        raise template.TemplateSyntaxError(
            "breadcrumbs takes label, address pairs and then the current page's label."
        )
    if not trail:
        return {"links": [], "current": organization.short_name}
    *pairs, current = trail
    links = [(organization.short_name, reverse("organization_detail", args=[organization.slug]))]
    links += [
        (label, url) for label, url in zip(pairs[::2], pairs[1::2], strict=True) if label and url
    ]
    return {"links": links, "current": current}
