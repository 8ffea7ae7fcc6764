"""A published plan's PDF is rendered once, by the task that publishing queues (a worker
with a broker, the web process without), and the members' downloads come from the cache.
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils.cache import quote_etag

from plans import services
from plans.documents import plan_document
from plans.models import WorkPlan
from unionplans import pdf


def version_of(plan) -> str:
    return pdf.version_of(plan_document(plan))


def test_publishing_renders_the_pdf_that_members_then_download(
        login, membre, draft, django_capture_on_commit_callbacks):
    cache.clear()
    services.plan_transition(plan=draft, to_state=WorkPlan.State.ADOPTED,
                             adopted_on=draft.mandate_start)
    version = version_of(draft)
    assert not pdf.is_cached(version)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.plan_transition(plan=draft, to_state=WorkPlan.State.PUBLISHED)
    assert len(callbacks) == 1  # queued after the commit, never for a rolled-back publish
    draft.refresh_from_db()
    version = version_of(draft)
    rendered = cache.get(f"pdf:{version}")
    assert rendered.startswith(b"%PDF")

    # Mark the cached copy (a PDF comment after its end): the download must be that copy,
    # not a new render (two renders of one version are byte-identical).
    cache.set(f"pdf:{version}", rendered + b"%rendered-by-the-task\n")
    response = login(membre).get(reverse("plans:pdf", args=[draft.organization.slug, draft.pk]))
    assert response.status_code == 200
    assert response["ETag"] == quote_etag(version)
    assert response.content == rendered + b"%rendered-by-the-task\n"


def test_adopting_renders_nothing(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.plan_transition(plan=draft, to_state=WorkPlan.State.ADOPTED,
                                 adopted_on=draft.mandate_start)
    assert callbacks == []
