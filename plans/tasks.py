from celery import shared_task

from unionplans import pdf


@shared_task
def render_plan_pdf(plan_pk: int) -> str | None:
    """Render a published plan's PDF into the cache, so that the members' downloads after
    the assembly are served from it (the same version as theirs: `plans.documents`); the
    version, or None if the plan is gone."""
    from .documents import _plans, plan_document

    plan = _plans().filter(pk=plan_pk).first()
    if plan is None:
        return None
    return pdf.prerender(plan_document(plan))
