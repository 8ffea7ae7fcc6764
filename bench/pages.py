"""Pages against their anchors: the exécutif's plan page against the admin's Action changelist
(100 rows) and against the same page read-only, the veille list against its admin
changelist, and the query counts of every admin page."""

from django.contrib import admin
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from .common import Row, hit, interleaved_hits, median_hit, ratio, summary

# The admin pages the issue names (their N+1s): (model label, page).
NAMED_ADMIN_PAGES = [("plans.action", "changelist"), ("plans.followup", "changelist"),
                     ("entraide.entraideplan", "changelist"), ("unionplans.organization", "change"),
                     ("vpp.dossier", "change"), ("entraide.entraideplan", "change")]


def plan_url(plan) -> str:
    return reverse("plans:detail", kwargs={"slug": plan.organization.slug, "pk": plan.pk})


def plan_page(subjects) -> list[Row]:
    """The exécutif's page (edit controls) per 100 actions against the admin changelist of
    100 actions, rendered (the cache emptied before each request: its rows changed since
    the last view) and from the page's cache (`unionplans.fragments`: nothing changed);
    rendered, against the membre's (read-only) page of the same plan."""
    url = plan_url(subjects.page_plan)
    editing, reading = subjects.client("executif"), subjects.client("membre")
    admin_client = subjects.client("admin")
    changelist_url = reverse("admin:plans_action_changelist")
    for client, address in ((editing, url), (reading, url), (admin_client, changelist_url)):
        hit(client, address)  # what a process does once (imports, compiled templates)
    # Taken in turn, 9 rounds: measured one after the other, the ratios swung by a third.
    found = interleaved_hits({"editor": (editing, url, cache.clear),
                              "reader": (reading, url, cache.clear),
                              "changelist": (admin_client, changelist_url, None)}, runs=9)
    editor, reader, changelist = found["editor"], found["reader"], found["changelist"]
    hit(editing, url)
    cached = median_hit(editing, url)
    def per_hundred(h):
        return h.cpu * 100 / max(subjects.page_actions, 1)
    return [
        Row(f"exécutif's plan page, {subjects.page_actions} actions, rendered", summary(editor)),
        Row("  the same, unchanged since the last view (cached)", summary(cached)),
        Row("  anchor: admin Action changelist (100 rows)", summary(changelist)),
        Row("  per 100 actions / admin changelist, rendered", "",
            ratio(per_hundred(editor), changelist.cpu), "≤ 1.0×"),
        Row("  per 100 actions / admin changelist, cached", "",
            ratio(per_hundred(cached), changelist.cpu), "≤ 1.0×"),
        Row("  anchor: the same page read-only (membre), rendered", summary(reader)),
        Row("  exécutif's page / read-only page", "", ratio(editor.cpu, reader.cpu), "≤ 1.2×"),
    ]


def veille_page(subjects) -> list[Row]:
    """The veille list (its first page, if paginated) against the admin's changelist."""
    organization = subjects.organization
    items = organization.veille_items.count()
    page = median_hit(subjects.client("executif"),
                      reverse("vpp:veille_list", kwargs={"slug": organization.slug}))
    changelist = median_hit(subjects.client("admin"), reverse("admin:vpp_veilleitem_changelist")
                            + f"?organization__id__exact={organization.pk}")
    return [
        Row(f"veille list, {items:,} items (page 1)", summary(page)),
        Row("  anchor: admin watch-item changelist", summary(changelist)),
        Row("  veille list / admin changelist (CPU)", "", ratio(page.cpu, changelist.cpu),
            "paginated, ≤ 1.0×"),
        Row("  veille list / admin changelist (size)", "", ratio(page.size, changelist.size)),
    ]


def admin_urls() -> dict[str, str]:
    """Every registered model's changelist and the change page of its first row."""
    urls = {}
    for model, _model_admin in admin.site._registry.items():
        meta = model._meta
        name = f"{meta.app_label}.{meta.model_name}"
        try:
            urls[f"{name} changelist"] = reverse(
                f"admin:{meta.app_label}_{meta.model_name}_changelist")
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                urls[f"{name} change"] = reverse(
                    f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
        except NoReverseMatch:
            continue
    return urls


def admin_queries(subjects) -> dict[str, int]:
    """The superuser's queries on every admin page: {page: queries}, -status if refused."""
    client = subjects.client("admin")
    counts = {}
    for name, url in sorted(admin_urls().items()):
        hit(client, url)  # once first: what a process caches on its first visit is not counted
        response = hit(client, url)
        status = response.response.status_code
        counts[name] = response.queries if status == 200 else -status
    return counts


def admin_rows(small: dict[str, int], large: dict[str, int], factor: str) -> list[Row]:
    """The admin's query counts at two sizes: the pages the issue names, then all."""
    rows = []
    for label, page in NAMED_ADMIN_PAGES:
        name = f"{label} {page}"
        if name in small or name in large:
            rows.append(Row(f"admin {name}: queries", f"{small.get(name, '—')} → "
                            f"{large.get(name, '—')} at {factor} the data", "", "≤ 15, equal"))
    served = {name: count for name, count in large.items() if count >= 0}
    worst = max(served, key=served.get) if served else "—"
    grew = sorted(name for name in served if small.get(name, -1) >= 0
                  and served[name] != small[name])
    refused = sorted(name for name, count in large.items() if count < 0)
    rows += [
        Row(f"admin, all {len(large)} pages: most queries",
            f"{served.get(worst, '—')} ({worst})", "", "≤ 15"),
        Row("  admin pages over 15 queries", str(sum(c > 15 for c in served.values()))),
        Row(f"  admin pages whose count changed at {factor} the data", str(len(grew)),
            ", ".join(grew[:6]) + ("…" if len(grew) > 6 else ""), "0"),
    ]
    if refused:
        rows.append(Row("  admin pages not served (status)", ", ".join(
            f"{name} {-large[name]}" for name in refused)))
    return rows
