"""The admin is the conseillers' workbench, scoped to the organizations they are assigned to.

Membres, exécutifs and people who belong nowhere cannot use it; a conseiller sees (and may
only view) its own organizations; a superuser sees and changes everything.
"""

import json

import pytest
from django.urls import reverse

from tests.helpers import PASSWORD, page
from unionplans.models import Membership, Organization

NOT_ALLOWED = ["membre", "executif", "outsider"]
NOT_ALLOWED_MESSAGE = "Ce compte n'a pas accès à l'administration"
MISSING_ID = 999_999


@pytest.fixture
def other(db):
    """An organization nobody in the fixtures belongs to."""
    return Organization.objects.create(
        name="Fédération de la santé et des services sociaux",
        short_name="FSSS",
        slug="fsss",
        kind=Organization.Kind.FEDERATION,
    )


def changelist(model_name):
    return reverse(f"admin:unionplans_{model_name}_changelist")


def change_url(organization_pk):
    return reverse("admin:unionplans_organization_change", args=[organization_pk])


def organization_form(organization, **changes):
    """What the change form posts for `organization`, with `changes` applied."""
    data = {
        "name": organization.name,
        "short_name": organization.short_name,
        "slug": organization.slug,
        "kind": organization.kind,
        "parent": organization.parent_id or "",
        "reminder_days_first": organization.reminder_days_first,
        "reminder_days_last": organization.reminder_days_last,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


# Membres, exécutifs and outsiders: no admin at all.


@pytest.mark.parametrize("person", NOT_ALLOWED)
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:unionplans_organization_changelist",
        "admin:unionplans_membership_changelist",
    ],
)
def test_non_conseillers_are_sent_to_the_admin_login(
    request, login, person, url_name, cc, syndicat
):
    client = login(request.getfixturevalue(person))
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))

    text = page(client.get(reverse(url_name), follow=True))
    assert cc.name not in text
    assert syndicat.name not in text


@pytest.mark.parametrize("person", NOT_ALLOWED)
def test_the_admin_login_form_refuses_non_conseillers_in_french(request, client, person):
    user = request.getfixturevalue(person)
    response = client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 200
    assert NOT_ALLOWED_MESSAGE in page(response)
    assert "_auth_user_id" not in client.session


def test_the_admin_login_form_lets_a_conseiller_in(client, conseiller):
    response = client.post(
        reverse("admin:login"),
        {"username": "conseiller", "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.session["_auth_user_id"] == str(conseiller.pk)


# Conseillers: their own organizations, read-only.


def test_the_conseiller_lists_only_its_organizations(login, conseiller, cc, syndicat, other):
    response = login(conseiller).get(changelist("organization"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [cc]
    text = page(response)
    assert cc.name in text
    assert syndicat.name not in text
    assert other.name not in text


def test_the_conseiller_lists_only_the_memberships_of_its_organizations(
    login, conseiller, executif, membre, executif2, cc, syndicat
):
    response = login(conseiller).get(changelist("membership"))
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == set(cc.memberships.all())
    assert Membership.objects.get(user=executif2) not in response.context["cl"].result_list
    text = page(response)
    assert "executif2" not in text
    assert "Hélène Roy" not in text
    assert syndicat.name not in text


def test_the_membership_organization_filter_hides_unassigned_organizations(
    login, conseiller, executif2, cc, syndicat, other
):
    # The filter only shows up with two choices: give the conseiller a second organization.
    second = Organization.objects.create(
        name="Syndicat des travailleuses et travailleurs de Magog",
        short_name="STTM",
        slug="sttm",
        kind=Organization.Kind.UNION,
        parent=cc,
    )
    Membership.objects.create(user=conseiller, organization=second, role=Membership.Role.ADVISER)

    response = login(conseiller).get(changelist("membership"))
    assert response.status_code == 200
    organization_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.field_path == "organization"
    )
    assert {title for _pk, title in organization_filter.lookup_choices} == {cc.name, second.name}
    text = page(response)
    assert second.name in text
    assert syndicat.name not in text
    assert other.name not in text


def test_an_unassigned_organization_answers_like_a_missing_one(login, conseiller, syndicat):
    client = login(conseiller)
    unassigned = client.get(change_url(syndicat.pk), follow=True)
    missing = client.get(change_url(MISSING_ID), follow=True)
    assert unassigned.redirect_chain == missing.redirect_chain == [(reverse("admin:index"), 302)]
    assert unassigned.status_code == missing.status_code == 200

    def messages(response, key):
        return [str(message).replace(str(key), "ID") for message in response.context["messages"]]

    assert messages(unassigned, syndicat.pk) == messages(missing, MISSING_ID)
    assert len(messages(unassigned, syndicat.pk)) == 1
    assert "n’existe pas" in messages(unassigned, syndicat.pk)[0]
    assert syndicat.name not in page(unassigned)
    assert syndicat.short_name not in page(unassigned)


def test_the_conseiller_can_view_its_organization(login, conseiller, cc):
    response = login(conseiller).get(change_url(cc.pk))
    assert response.status_code == 200
    assert cc.name in page(response)


def test_the_conseiller_cannot_rename_its_organization(login, conseiller, cc):
    response = login(conseiller).post(change_url(cc.pk), organization_form(cc, name="Renommé"))
    assert response.status_code == 403
    cc.refresh_from_db()
    assert cc.name == "Conseil central des syndicats nationaux de l'Estrie"


def test_the_conseiller_cannot_open_the_add_page(login, conseiller):
    response = login(conseiller).get(reverse("admin:unionplans_organization_add"))
    assert response.status_code == 403


def test_the_conseiller_cannot_add_an_organization(login, conseiller, cc):
    response = login(conseiller).post(
        reverse("admin:unionplans_organization_add"),
        organization_form(cc, name="Nouveau syndicat", short_name="NS", slug="ns", parent=cc.pk),
    )
    assert response.status_code == 403
    assert not Organization.objects.filter(slug="ns").exists()


def test_the_conseiller_cannot_delete_its_organization(login, conseiller, cc):
    response = login(conseiller).post(
        reverse("admin:unionplans_organization_delete", args=[cc.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Organization.objects.filter(pk=cc.pk).exists()


def test_the_conseiller_sees_the_history_of_its_organization(login, conseiller, cc):
    response = login(conseiller).get(reverse("admin:unionplans_organization_history", args=[cc.pk]))
    assert response.status_code == 200
    assert cc.name in page(response)


def test_the_conseiller_cannot_see_the_history_of_an_unassigned_organization(
    login, conseiller, syndicat
):
    response = login(conseiller).get(
        reverse("admin:unionplans_organization_history", args=[syndicat.pk])
    )
    assert response.status_code == 404
    assert syndicat.name not in page(response)


def test_the_autocomplete_hides_unassigned_organizations(login, conseiller, cc, syndicat, other):
    client = login(conseiller)
    params = {"app_label": "unionplans", "model_name": "membership", "field_name": "organization"}
    for term in ["", "soutien", "SESSE", "Fédération", "FSSS"]:
        response = client.get(reverse("admin:autocomplete"), {**params, "term": term})
        assert response.status_code == 200
        text = page(response)
        assert syndicat.name not in text
        assert other.name not in text
        if response.status_code == 200:
            names = [result["text"] for result in json.loads(text)["results"]]
            assert names == ([cc.name] if term == "" else [])


# The django-simple-history "revert" form (<pk>/history/<history_id>/) is another way in.


def revert_url(obj):
    record = obj.history.latest()
    return reverse(
        f"admin:unionplans_{obj._meta.model_name}_simple_history", args=[obj.pk, record.history_id]
    )


def test_the_conseiller_cannot_rename_its_organization_through_the_revert_form(
    login, conseiller, cc
):
    response = login(conseiller).post(revert_url(cc), organization_form(cc, name="Renommé"))
    assert response.status_code == 403
    cc.refresh_from_db()
    assert cc.name == "Conseil central des syndicats nationaux de l'Estrie"


def test_the_conseiller_cannot_move_its_membership_through_the_revert_form(
    login, conseiller, cc, syndicat
):
    membership = Membership.objects.get(user=conseiller)
    response = login(conseiller).post(
        revert_url(membership),
        {"user": conseiller.pk, "organization": syndicat.pk, "role": Membership.Role.ADVISER},
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.organization == cc


def test_the_revert_form_is_refused_to_the_conseiller(login, conseiller, cc, syndicat, other):
    response = login(conseiller).get(revert_url(cc))
    assert response.status_code == 403
    assert syndicat.name not in page(response)
    assert other.name not in page(response)


# Superusers: everything.


def test_a_superuser_can_use_the_admin_before_any_organization_exists(login, superuser):
    assert not Organization.objects.exists()
    client = login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(changelist("organization")).status_code == 200
    assert client.get(reverse("admin:unionplans_organization_add")).status_code == 200


def test_a_superuser_creates_the_first_organization(login, superuser):
    response = login(superuser).post(
        reverse("admin:unionplans_organization_add"),
        {
            "name": "Fédération de la santé et des services sociaux",
            "short_name": "FSSS",
            "slug": "fsss",
            "kind": Organization.Kind.FEDERATION,
            "reminder_days_first": "5",
            "reminder_days_last": "1",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Organization.objects.get(slug="fsss").history.get().history_user == superuser


def test_the_superuser_lists_every_organization(login, superuser, cc, syndicat, other):
    response = login(superuser).get(changelist("organization"))
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {cc, syndicat, other}


def test_the_superuser_renames_an_organization_and_history_records_who(
    login, superuser, cc, syndicat
):
    response = login(superuser).post(
        change_url(syndicat.pk), organization_form(syndicat, name="Syndicat renommé")
    )
    assert response.status_code == 302
    syndicat.refresh_from_db()
    assert syndicat.name == "Syndicat renommé"
    record = syndicat.history.latest()
    assert record.history_type == "~"
    assert record.name == "Syndicat renommé"
    assert record.history_user == superuser


# Memberships: the members services' rules hold in the admin too.

LAST_EXECUTIVE_FR = "Une organisation garde au moins un membre de l'exécutif actif"


def membership_form(membership, **changes):
    data = {
        "user": membership.user_id,
        "organization": membership.organization_id,
        "role": membership.role,
        "is_active": "on" if membership.is_active else "",
        "on_entraide_committee": "on" if membership.on_entraide_committee else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def last_executive_text():
    from django.utils import translation

    from unionplans.members import LAST_EXECUTIVE

    with translation.override("fr"):
        text = str(LAST_EXECUTIVE)
    assert text.startswith(LAST_EXECUTIVE_FR)
    return text


@pytest.mark.parametrize("changes", [{"role": Membership.Role.MEMBER}, {"is_active": ""}])
def test_the_admin_does_not_demote_the_last_executive(login, superuser, executif, cc,
                                                       changes):
    membership = Membership.objects.get(user=executif)
    response = login(superuser).post(
        reverse("admin:unionplans_membership_change", args=[membership.pk]),
        membership_form(membership, **changes))
    assert response.status_code == 200
    assert last_executive_text() in page(response)
    membership.refresh_from_db()
    assert (membership.role, membership.is_active) == (Membership.Role.EXECUTIVE, True)


def test_the_organization_inline_does_not_demote_the_last_executive(login, superuser,
                                                                    executif, cc):
    membership = Membership.objects.get(user=executif)
    data = organization_form(cc, **{
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": membership.pk, "memberships-0-organization": cc.pk,
        "memberships-0-user": executif.pk, "memberships-0-role": Membership.Role.MEMBER,
        "memberships-0-is_active": "on",
    })
    response = login(superuser).post(change_url(cc.pk), data)
    assert response.status_code == 200
    assert last_executive_text() in page(response)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EXECUTIVE


def test_the_admin_deactivates_an_executive_when_another_remains(login, superuser,
                                                                 executif, cc):
    from tests.helpers import make_person

    make_person("deuxieme", cc, Membership.Role.EXECUTIVE)
    membership = Membership.objects.get(user=executif)
    response = login(superuser).post(
        reverse("admin:unionplans_membership_change", args=[membership.pk]),
        membership_form(membership, is_active=""))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active and membership.deactivated_at is not None


def test_a_membership_is_not_deleted_in_the_admin(login, superuser, membre, cc):
    membership = Membership.objects.get(user=membre)
    client = login(superuser)
    url = reverse("admin:unionplans_membership_delete", args=[membership.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()
