"""A conseil central reads what its affiliated syndicats share with it, and nothing else.

The world: the conseil central `cc` and its affiliate `syndicat`, which shares its plans
and its dossiers; `private`, a second affiliate that shares nothing. The conseil central's
exécutif and conseiller read the shared plans (as their PDF) and dossiers (the list and each
report); its membre is refused (403); the syndicat's own exécutif decides what it shares.
"""

import pytest
from django.urls import reverse

from plans.models import WorkPlan
from tests import matrix
from tests.helpers import page, poppler
from tests.matrix import ANONYMOUS
from tests.plans.helpers import make_plan
from unionplans import services
from unionplans.models import Organization
from vpp import services as vpp_services
from vpp.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def sharing(syndicat):
    syndicat.shares_plans_with_parent = syndicat.shares_dossiers_with_parent = True
    syndicat.save()
    return syndicat


@pytest.fixture
def private(cc):
    return Organization.objects.create(name="Syndicat discret", short_name="SD", slug="discret",
                                       kind=Organization.Kind.UNION, parent=cc)


@pytest.fixture
def shared_plan(sharing):
    return make_plan(sharing, title="Plan du syndicat 2023-2026", state=WorkPlan.State.PUBLISHED)


@pytest.fixture
def draft_plan(sharing):
    return make_plan(sharing, title="Brouillon du syndicat", state=WorkPlan.State.DRAFT)


@pytest.fixture
def private_plan(private):
    return make_plan(private, title="Plan discret", state=WorkPlan.State.PUBLISHED)


def dossier_of(organization):
    return vpp_services.dossier_create(
        organization=organization, by=None, title=f"Buanderie ({organization.short_name})",
        establishment="CIUSSS de l'Estrie", service="Buanderie",
        mode=Dossier.Mode.INTERVENTION, domain=Dossier.Domain.INTERVENTION,
    )


@pytest.fixture
def shared_dossier(sharing):
    return dossier_of(sharing)


@pytest.fixture
def private_dossier(private):
    return dossier_of(private)


@pytest.fixture
def world(request, db):
    return matrix.World(request, cc="cc", sharing="sharing", private="private",
                        shared_plan="shared_plan", draft_plan="draft_plan",
                        private_plan="private_plan", shared_dossier="shared_dossier",
                        private_dossier="private_dossier")


# The conseil central's exécutif and conseiller read; its membre may not; others don't see it.
READERS = {ANONYMOUS: 302, "executif": 200, "conseiller": 200, "membre": 403,
           "executif2": 404, "outsider": 404, "superuser": 200}


def cc_args(w):
    return [w["cc"].slug]


def affiliate_args(target):
    return lambda w: [w["cc"].slug, w[target].slug]


def object_args(affiliate, target):
    return lambda w: [w["cc"].slug, w[affiliate].slug, w[target].pk]


def sharing_args(target):
    return lambda w: [w[target].slug]


CASES = [
    *matrix.cases("affiliates", cc_args, "GET", READERS),
    *matrix.wrong_methods("affiliates", cc_args, {"GET"}),
    *matrix.cases("plans:affiliate_plans", affiliate_args("sharing"), "GET", READERS,
                  hidden=["Plan du syndicat"]),
    *matrix.wrong_methods("plans:affiliate_plans", affiliate_args("sharing"), {"GET"}),
    # An affiliate that does not share is as missing; so is a draft.
    matrix.Case("plans:affiliate_plans", affiliate_args("private"), "GET", "executif", 404,
                on="private"),
    *matrix.cases("plans:affiliate_plan_pdf", object_args("sharing", "shared_plan"), "GET",
                  READERS),
    *matrix.wrong_methods("plans:affiliate_plan_pdf", object_args("sharing", "shared_plan"),
                          {"GET"}),
    matrix.Case("plans:affiliate_plan_pdf", object_args("sharing", "draft_plan"), "GET",
                "executif", 404, on="draft"),
    matrix.Case("plans:affiliate_plan_pdf", object_args("private", "private_plan"), "GET",
                "executif", 404, on="private"),
    matrix.Case("plans:affiliate_plan_pdf", object_args("sharing", "private_plan"), "GET",
                "executif", 404, on="other-affiliate"),
    *matrix.cases("vpp:affiliate_dossiers", affiliate_args("sharing"), "GET", READERS,
                  hidden=["Buanderie"]),
    *matrix.wrong_methods("vpp:affiliate_dossiers", affiliate_args("sharing"), {"GET"}),
    matrix.Case("vpp:affiliate_dossiers", affiliate_args("private"), "GET", "executif", 404,
                on="private"),
    *matrix.cases("vpp:affiliate_dossier_pdf", object_args("sharing", "shared_dossier"), "GET",
                  READERS),
    *matrix.wrong_methods("vpp:affiliate_dossier_pdf",
                          object_args("sharing", "shared_dossier"), {"GET"}),
    matrix.Case("vpp:affiliate_dossier_pdf", object_args("sharing", "private_dossier"), "GET",
                "executif", 404, on="other-affiliate"),
    # What the syndicat shares is its exécutif's decision; the conseil central cannot set it.
    *matrix.cases("organization_sharing", sharing_args("sharing"), "GET", {
        ANONYMOUS: 302, "executif2": 200, "superuser": 200, "executif": 404,
        "conseiller": 404, "membre": 404, "outsider": 404}),
    *matrix.cases("organization_sharing", sharing_args("sharing"), "POST", {
        ANONYMOUS: 302, "executif2": 302, "superuser": 302, "executif": 404,
        "conseiller": 404, "membre": 404, "outsider": 404},
        writes={"executif2", "superuser"}, data={"shares_plans": "", "shares_dossiers": ""}),
    *matrix.wrong_methods("organization_sharing", sharing_args("sharing"), {"GET", "POST"},
                          person="executif2"),
    # A body affiliated to none has nobody to share with.
    matrix.Case("organization_sharing", cc_args, "GET", "executif", 404, on="no-parent"),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)


def test_the_affiliates_page_says_what_each_shares(login, executif, shared_plan, private):
    text = page(login(executif).get(reverse("affiliates", args=["ccsne"])))
    assert "Syndicat des employé·es de soutien" in text and "Syndicat discret" in text
    assert text.count("Non partagé") == 2  # the discreet one's plans and dossiers
    assert reverse("plans:affiliate_plans", args=["ccsne", "sesse"]) in text
    assert reverse("plans:affiliate_plans", args=["ccsne", "discret"]) not in text


def test_the_conseil_central_reads_the_shared_plan_as_its_members_do(
    login, executif, shared_plan, draft_plan, tmp_path
):
    client = login(executif)
    listing = page(client.get(reverse("plans:affiliate_plans", args=["ccsne", "sesse"])))
    assert "Plan du syndicat 2023-2026" in listing
    assert "Brouillon du syndicat" not in listing
    response = client.get(reverse("plans:affiliate_plan_pdf",
                                  args=["ccsne", "sesse", shared_plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "Plan du syndicat 2023-2026" in poppler("pdftotext", response.content, tmp_path)


def test_the_shared_dossiers_list_and_report(login, conseiller, shared_dossier, tmp_path):
    client = login(conseiller)
    listing = page(client.get(reverse("vpp:affiliate_dossiers", args=["ccsne", "sesse"])))
    assert "Buanderie (SESSE)" in listing
    response = client.get(reverse("vpp:affiliate_dossier_pdf",
                                  args=["ccsne", "sesse", shared_dossier.pk]))
    assert "Buanderie (SESSE)" in poppler("pdftotext", response.content, tmp_path)


def test_the_syndicat_stops_sharing_and_the_region_loses_access(
    login, executif, executif2, sharing, shared_plan
):
    url = reverse("plans:affiliate_plans", args=["ccsne", "sesse"])
    assert login(executif).get(url).status_code == 200
    response = login(executif2).post(reverse("organization_sharing", args=["sesse"]),
                                     {"shares_plans": "", "shares_dossiers": "on"})
    assert response["Location"] == reverse("organization_detail", args=["sesse"])
    sharing.refresh_from_db()
    assert (sharing.shares_plans_with_parent, sharing.shares_dossiers_with_parent) == (
        False, True)
    assert sharing.history.first().history_user == executif2
    assert login(executif).get(url).status_code == 404


def test_sharing_needs_a_body_to_share_with(cc, executif):
    with pytest.raises(services.ValidationError) as refused:
        services.organization_sharing_update(organization=cc, by=executif,
                                             shares_plans=True, shares_dossiers=True)
    assert refused.value.code == "no_parent"
