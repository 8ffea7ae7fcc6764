"""« Éléments supprimés » × every person, through tests/matrix.py.

The page and its « Restaurer » are the exécutif's (and a superuser's): 403 for the
conseillers and membres of the organization, 404 outside, the login page logged out. A
refused restore changes nothing; the exécutif's brings the orientation back. The
deletion of one organization is a 404 under another's address, even for its exécutif.
"""

import pytest

from plans import services
from plans.models import Orientation
from tests import matrix
from tests.plans.helpers import make_plan
from unionplans import restore


@pytest.fixture
def world(request, db):
    return matrix.World(request, cc="cc", deletion="deletion", syndicat="syndicat")


@pytest.fixture
def deletion(cc, executif):
    """The historical record of an orientation deleted with its action, steps and follow-up."""
    plan = make_plan(cc)
    pk = plan.orientations.first().pk
    services.row_delete(row=Orientation.objects.get(pk=pk), by=executif)
    return restore.history_model(Orientation).objects.get(id=pk, history_type="-")


def organization_args(w):
    return [w["cc"].slug]


def restore_args(slug_of="cc"):
    return lambda w: [w[slug_of].slug, "plans.orientation", w["deletion"].history_id]


REFUSED = {matrix.ANONYMOUS: 302, "conseiller": 403, "membre": 403, "executif2": 404,
           "outsider": 404}

CASES = [
    *matrix.cases("trash", organization_args, "GET",
                  {**REFUSED, "executif": 200, "superuser": 200}),
    *matrix.wrong_methods("trash", organization_args, {"GET"}),
    *matrix.cases("trash_restore", restore_args(), "POST",
                  {**REFUSED, "executif": 302, "superuser": 302},
                  writes={"executif", "superuser"}, redirect=None),
    # Under the syndicat's address, the conseil's deletion does not exist.
    matrix.Case("trash_restore", restore_args("syndicat"), "POST", "executif2", 404,
                on="sesse"),
    *matrix.wrong_methods("trash_restore", restore_args(), {"POST"}),
]


@matrix.parametrize(CASES)
def test_the_matrix(case, request, world):
    matrix.check(case, request, world)


test_hostile_input = matrix.fuzz_test(CASES)
