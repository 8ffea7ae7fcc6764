"""The permission module on its own: selectors and the 404/403 fetchers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from unionplans import permissions
from unionplans.models import Membership, Organization


def test_each_person_sees_only_their_organizations(cc, syndicat, executif, membre, executif2,
                                                   outsider):
    assert list(permissions.organizations_for(executif)) == [cc]
    assert list(permissions.organizations_for(membre)) == [cc]
    assert list(permissions.organizations_for(executif2)) == [syndicat]
    assert list(permissions.organizations_for(outsider)) == []
    assert list(permissions.organizations_for(AnonymousUser())) == []


def test_a_superuser_sees_every_organization(cc, syndicat, superuser):
    assert set(permissions.organizations_for(superuser)) == {cc, syndicat}
    assert permissions.has_ability(superuser, cc, permissions.ADMINISTER)
    assert permissions.can(superuser, permissions.ADMINISTER, syndicat, via="")


@pytest.mark.django_db
def test_a_superuser_may_administer_an_empty_database(superuser):
    assert not Organization.objects.exists()
    assert permissions.can(superuser, permissions.ADMINISTER)
    assert permissions.can_use_admin(superuser)


def test_abilities_follow_the_role(cc, executif, conseiller, membre):
    assert permissions.has_ability(executif, cc, permissions.EDIT)
    assert not permissions.has_ability(executif, cc, permissions.REVIEW)
    assert permissions.has_ability(conseiller, cc, permissions.REVIEW)
    assert not permissions.has_ability(conseiller, cc, permissions.EDIT)
    assert permissions.has_ability(membre, cc, permissions.VIEW)
    for ability in [permissions.VIEW_INTERNAL, permissions.VIEW_MEMBERS, permissions.EDIT,
                    permissions.REVIEW, permissions.ADMINISTER]:
        assert not permissions.has_ability(membre, cc, ability)


def test_no_role_administers(cc, executif, conseiller):
    assert not permissions.has_ability(executif, cc, permissions.ADMINISTER)
    assert not permissions.has_ability(conseiller, cc, permissions.ADMINISTER)


def test_an_inactive_user_has_nothing(cc, executif):
    executif.is_active = False
    executif.save()
    assert not permissions.organizations_for(executif).exists()
    assert not permissions.has_ability(executif, cc, permissions.VIEW)


def test_scope_narrows_related_rows(cc, syndicat, executif, executif2, membre):
    visible = permissions.scope(Membership.objects.all(), executif2, permissions.VIEW_MEMBERS)
    assert {m.organization for m in visible} == {syndicat}
    assert not permissions.scope(Membership.objects.all(), membre, permissions.VIEW_MEMBERS)


def test_scope_narrows_organizations_themselves(cc, syndicat, executif):
    assert list(permissions.scope(Organization.objects.all(), executif, via="")) == [cc]


def test_an_organization_out_of_reach_is_404(cc, executif2):
    with pytest.raises(Http404):
        permissions.get_organization_for_user(executif2, cc.slug)


def test_an_unknown_organization_is_404(executif):
    with pytest.raises(Http404):
        permissions.get_organization_for_user(executif, "inconnue")


def test_a_visible_organization_without_the_ability_is_403(cc, membre):
    organization, access = permissions.get_organization_for_user(membre, cc.slug)
    assert organization == cc
    assert access.role == Membership.Role.MEMBER
    assert access.role_label == "Membre"
    with pytest.raises(PermissionDenied):
        permissions.get_organization_for_user(membre, cc.slug, permissions.EDIT)


def resolved(user, organization, ability=permissions.VIEW):
    """A request as `organization_view` leaves it for `user`."""
    request = RequestFactory().get("/")
    request.user = user
    request.organization, request.access = permissions.get_organization_for_user(
        user, organization.slug, ability
    )
    return request


def test_fetch_finds_an_object_of_the_request_organization_only(cc, syndicat, executif,
                                                                executif2, membre):
    membership = Membership.objects.get(user=membre)
    memberships = Membership.objects.all()
    found = permissions.fetch(resolved(executif, cc), memberships, permissions.VIEW_MEMBERS,
                              pk=membership.pk)
    assert found == membership
    # Another organization's object under one's own organization is a 404, not a way round.
    with pytest.raises(Http404):
        permissions.fetch(resolved(executif2, syndicat), memberships, pk=membership.pk)
    with pytest.raises(PermissionDenied):
        permissions.fetch(resolved(membre, cc), memberships, permissions.VIEW_MEMBERS,
                          pk=membership.pk)
    with pytest.raises(Http404):
        permissions.fetch(resolved(executif, cc), memberships, pk=10**9)


def test_fetch_hides_what_is_not_published_from_those_without_view_internal(cc, executif,
                                                                             membre):
    memberships = Membership.objects.all()
    own = Membership.objects.get(user=membre)
    other = Membership.objects.get(user=executif)
    published = Q(user=membre)  # stands for "published": only the membre's own row
    request = resolved(membre, cc)
    assert permissions.fetch(request, memberships, published=published, pk=own.pk) == own
    with pytest.raises(Http404):
        permissions.fetch(request, memberships, published=published, pk=other.pk)
    found = permissions.fetch(resolved(executif, cc), memberships, published=published,
                              pk=own.pk)
    assert found == own


def test_organization_view_resolves_the_organization_once(client, login, cc, executif,
                                                          executif2):
    seen = []

    @permissions.organization_view(permissions.EDIT, methods=["GET"])
    def view(request):
        seen.append((request.organization, request.access.role))
        return HttpResponse("ok")

    factory = RequestFactory()
    request = factory.get("/")
    request.user = executif
    assert view(request, slug=cc.slug).status_code == 200
    assert seen == [(cc, Membership.Role.EXECUTIVE)]
    request = factory.post("/")
    request.user = executif
    assert view(request, slug=cc.slug).status_code == 405
    request = factory.get("/")
    request.user = AnonymousUser()
    assert view(request, slug=cc.slug).status_code == 302
    request.user = executif2
    with pytest.raises(Http404):
        view(request, slug=cc.slug)
    with pytest.raises(Http404):
        view(request, slug="inconnue")
    assert len(seen) == 1


def test_only_conseillers_and_superusers_use_the_admin(executif, conseiller, membre, outsider,
                                                       superuser):
    assert permissions.can_use_admin(conseiller)
    assert permissions.can_use_admin(superuser)
    for person in [executif, membre, outsider, AnonymousUser()]:
        assert not permissions.can_use_admin(person)


# The comité d'entraide: exécutif and flagged members only, and a 404 for everyone else


def on_committee(user, organization):
    Membership.objects.filter(user=user, organization=organization).update(
        on_entraide_committee=True
    )


def test_the_executif_has_the_entraide_ability_and_others_do_not(cc, executif, conseiller,
                                                                  membre, executif2, outsider):
    assert permissions.has_ability(executif, cc, permissions.ENTRAIDE)
    for person in [conseiller, membre, executif2, outsider]:
        assert not permissions.has_ability(person, cc, permissions.ENTRAIDE)
    assert list(permissions.organizations_for(executif, permissions.ENTRAIDE)) == [cc]
    assert not permissions.organizations_for(membre, permissions.ENTRAIDE).exists()
    assert not permissions.organizations_for(conseiller, permissions.ENTRAIDE).exists()


def test_a_membre_flagged_on_the_committee_sees_entraide_and_nothing_more(cc, membre):
    on_committee(membre, cc)
    access = permissions.access_to(membre, cc)
    assert access.abilities == {permissions.VIEW, permissions.ENTRAIDE}
    assert list(permissions.organizations_for(membre, permissions.ENTRAIDE)) == [cc]
    organization, _access = permissions.get_organization_for_user(
        membre, cc.slug, permissions.ENTRAIDE
    )
    assert organization == cc
    # The flag opens the committee's plans only, never the members list.
    assert not permissions.organizations_for(membre, permissions.VIEW_MEMBERS).exists()


def test_a_flagged_conseiller_is_on_the_committee_an_unflagged_one_is_not(cc, conseiller):
    with pytest.raises(Http404):
        permissions.get_organization_for_user(conseiller, cc.slug, permissions.ENTRAIDE)
    on_committee(conseiller, cc)
    assert permissions.has_ability(conseiller, cc, permissions.ENTRAIDE)


def test_without_the_entraide_ability_it_is_404_not_403(cc, syndicat, membre, executif2,
                                                        outsider):
    """A plain membre must not even learn that the organization keeps entraide plans."""
    for person in [membre, executif2, outsider]:
        with pytest.raises(Http404):
            permissions.get_organization_for_user(person, cc.slug, permissions.ENTRAIDE)
    # Inside its organization, a membre fetching a confidential object gets a 404 too.
    memberships = Membership.objects.all()
    with pytest.raises(Http404):
        permissions.fetch(resolved(membre, cc), memberships, permissions.ENTRAIDE,
                          pk=Membership.objects.get(user=membre).pk)


def test_the_flag_in_another_organization_opens_nothing_here(cc, syndicat, executif2):
    on_committee(executif2, syndicat)
    assert list(permissions.organizations_for(executif2, permissions.ENTRAIDE)) == [syndicat]
    with pytest.raises(Http404):
        permissions.get_organization_for_user(executif2, cc.slug, permissions.ENTRAIDE)


def test_scope_honours_the_committee_flag(cc, syndicat, membre, executif2):
    queryset = Organization.objects.all()
    assert not permissions.scope(queryset, membre, permissions.ENTRAIDE, via="").exists()
    on_committee(membre, cc)
    assert list(permissions.scope(queryset, membre, permissions.ENTRAIDE, via="")) == [cc]


def test_a_superuser_has_the_entraide_ability(cc, superuser):
    assert permissions.has_ability(superuser, cc, permissions.ENTRAIDE)


def test_require_checks_an_access_already_fetched(cc, executif, membre):
    on_committee(membre, cc)
    access = permissions.access_to(membre, cc)
    with pytest.raises(PermissionDenied):
        permissions.require(access, permissions.EDIT)
    access = permissions.access_to(executif, cc)
    assert permissions.require(access, permissions.EDIT) is access
