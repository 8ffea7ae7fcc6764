"""Personal information: one's own data as a file, erasing a departed member, the person
in charge, and the register of confidentiality incidents (unionplans/privacy.py)."""

import datetime
import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plans import services as plans
from plans.models import Action, FollowUp
from tests.helpers import PASSWORD, Role, make_person, page
from tests.plans.helpers import make_plan
from unionplans import invitations, members, privacy
from unionplans.models import ConfidentialityIncident, Invitation, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne(cc):
    return make_person("anne", cc, Role.MEMBER, first_name="Anne", last_name="Cien")


@pytest.fixture
def plan(cc):
    return make_plan(cc)


def written_by(person, plan, text):
    action = Action.objects.get(orientation__plan=plan)
    return plans.follow_up_create(action=action, author=person, text=text)


def leaves(person, cc, executif):
    membership = Membership.objects.get(user=person, organization=cc)
    members.membership_deactivate(membership=membership, by=executif)
    return membership


# Download one's own data


def test_a_person_downloads_what_the_app_holds_about_them_and_nothing_of_others(
        client, anne, membre, plan):
    written_by(anne, plan, "Compte rendu de l'AG du 28 février 2020")
    written_by(membre, plan, "Note de Josée")
    client.force_login(anne)
    Client().post(reverse("login"), {"username": "anne", "password": "pas-le-bon"})

    response = client.get(reverse("account_data"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    assert data["account"]["email"] == "anne@example.org"
    texts = [row["text"] for row in data["records"]["plans.FollowUp"]]
    assert texts == ["Compte rendu de l'AG du 28 février 2020"]
    assert data["records"]["unionplans.Membership"][0]["role"] == Role.MEMBER
    assert [attempt["username"] for attempt in data["sign_in_attempts"]] == ["anne"]
    assert "Note de Josée" not in response.content.decode()
    assert anne.password not in response.content.decode()  # not even its hash


def test_the_export_leaves_out_secrets(cc, executif):
    invitations.invitation_create(organization=cc, email="lucie@example.org",
                                  role=Role.MEMBER, by=executif,
                                  absolute_uri=lambda path: "http://testserver" + path)

    text = privacy.personal_data_json(executif)

    assert "lucie@example.org" in text  # the invitation they sent
    assert "token_digest" not in text
    assert Invitation.objects.get().token_digest not in text


def test_logged_out_the_data_and_the_account_page_lead_to_the_login(client):
    for name in ("account", "account_data"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# Erase a departed member


def test_erasing_a_departed_member_keeps_what_they_wrote_under_a_neutral_name(
        client, cc, executif, anne, plan):
    follow_up = written_by(anne, plan, "Bilan de la tournée des sections")
    membership = leaves(anne, cc, executif)
    client.post(reverse("login"), {"username": "anne", "password": "pas-le-bon"})

    privacy.person_erase(membership=membership, by=executif)

    anne.refresh_from_db()
    assert (anne.first_name, anne.last_name, anne.email) == ("", "", "")
    assert anne.username == f"~{anne.pk}"
    assert not anne.is_active and not anne.has_usable_password()
    assert not AccessAttempt.objects.filter(username="anne").exists()
    assert FollowUp.objects.get(pk=follow_up.pk).author == anne
    client.force_login(executif)
    text = page(client.get(reverse("plans:detail", args=[cc.slug, plan.pk])))
    assert "Bilan de la tournée des sections" in text
    assert "Anne Cien" not in text
    assert not client.login(username="anne", password=PASSWORD)
    reason = Membership.history.filter(id=membership.pk).first().history_change_reason
    assert reason == "Renseignements personnels effacés"


def test_erasing_blanks_the_invitations_to_their_address_history_included(cc, executif):
    invitations.invitation_create(organization=cc, email="Anne@Example.org", role=Role.MEMBER,
                                  by=executif, absolute_uri=lambda path: "http://testserver" + path)
    anne = make_person("anne", cc, Role.MEMBER)  # anne@example.org

    privacy.person_erase(membership=leaves(anne, cc, executif), by=executif)

    assert list(Invitation.objects.values_list("email", flat=True)) == [""]
    assert not Invitation.history.exclude(email="").exists()


def test_erasing_ends_the_persons_sessions(client, cc, executif, anne):
    membership = leaves(anne, cc, executif)
    client.force_login(anne)

    privacy.person_erase(membership=membership, by=executif)

    assert client.get(reverse("account")).status_code == 302


def test_a_person_still_active_somewhere_cannot_be_erased(cc, syndicat, executif, anne):
    Membership.objects.create(user=anne, organization=syndicat, role=Role.MEMBER)
    membership = leaves(anne, cc, executif)

    with pytest.raises(ValidationError, match="appartient encore à SESSE"):
        privacy.person_erase(membership=membership, by=executif)

    anne.refresh_from_db()
    assert anne.first_name == "Anne"


def test_an_active_membership_an_administrator_and_an_erased_person_are_refused(
        cc, executif, anne):
    active = Membership.objects.get(user=anne)
    with pytest.raises(ValidationError, match="Désactivez"):
        privacy.person_erase(membership=active, by=executif)

    admin_account = make_person("admin", cc, Role.MEMBER, is_staff=True)
    with pytest.raises(ValidationError, match="administrateur"):
        privacy.person_erase(membership=leaves(admin_account, cc, executif), by=executif)

    membership = leaves(anne, cc, executif)
    privacy.person_erase(membership=membership, by=executif)
    with pytest.raises(ValidationError, match="déjà effacés"):
        privacy.person_erase(membership=membership, by=executif)


def test_only_the_exécutif_erases(cc, executif, conseiller, anne):
    membership = leaves(anne, cc, executif)

    with pytest.raises(ValidationError, match="Seul l'exécutif"):
        privacy.person_erase(membership=membership, by=conseiller)

    assert get_user_model().objects.get(pk=anne.pk).first_name == "Anne"


def test_the_members_page_offers_erasing_only_on_a_departed_member(client, cc, executif, anne,
                                                                  membre):
    membership = leaves(anne, cc, executif)
    client.force_login(executif)

    text = page(client.get(reverse("members", args=[cc.slug])))

    assert reverse("member_erase", args=[cc.slug, membership.pk]) in text
    active = Membership.objects.get(user=membre)
    assert reverse("member_erase", args=[cc.slug, active.pk]) not in text


def test_a_refused_erasure_says_why_on_the_members_page(client, cc, syndicat, executif, anne):
    Membership.objects.create(user=anne, organization=syndicat, role=Role.MEMBER)
    membership = leaves(anne, cc, executif)
    client.force_login(executif)

    response = client.post(reverse("member_erase", args=[cc.slug, membership.pk]), follow=True)

    assert "appartient encore à SESSE" in page(response)
    anne.refresh_from_db()
    assert anne.email == "anne@example.org"


# The person in charge of personal information


def test_the_exécutif_names_the_person_in_charge_and_every_member_reads_it(
        client, cc, executif, membre):
    client.force_login(executif)
    client.post(reverse("privacy_officer", args=[cc.slug]), {"person": membre.pk})
    cc.refresh_from_db()
    assert cc.privacy_officer == membre

    client.force_login(membre)
    for name in ("privacy", "organization_detail"):
        assert "Josée Côté" in page(client.get(reverse(name, args=[cc.slug])))


def test_only_an_active_member_can_be_in_charge(cc, executif, executif2, anne):
    with pytest.raises(ValidationError):
        privacy.privacy_officer_set(organization=cc, person=executif2, by=executif)
    leaves(anne, cc, executif)
    with pytest.raises(ValidationError):
        privacy.privacy_officer_set(organization=cc, person=anne, by=executif)
    cc.refresh_from_db()
    assert cc.privacy_officer is None


def test_an_unknown_person_is_refused_with_a_message(client, cc, executif):
    client.force_login(executif)

    response = client.post(reverse("privacy_officer", args=[cc.slug]), {"person": "99999"},
                           follow=True)

    assert "Choisissez une personne membre active" in page(response)


# The register of confidentiality incidents


def incident(cc, **fields):
    values = {
        "organization": cc, "occurred_on": datetime.date(2026, 3, 2),
        "discovered_on": datetime.date(2026, 3, 4),
        "information_concerned": "Liste des membres (noms, courriels)",
        "circumstances": "Courriel envoyé au mauvais destinataire", "people_concerned": 40,
        "risk_assessment": "Faible : pas de renseignement sensible",
        "measures": "Demande de suppression au destinataire",
        **fields,
    }
    return ConfidentialityIncident(**values)


def test_an_incident_in_the_future_or_learned_of_before_it_happened_is_refused(cc):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        incident(cc, occurred_on=tomorrow, discovered_on=tomorrow).full_clean()
    assert set(refused.value.message_dict) == {"occurred_on", "discovered_on"}

    with pytest.raises(ValidationError) as refused:
        incident(cc, discovered_on=datetime.date(2026, 3, 1)).full_clean()
    assert set(refused.value.message_dict) == {"discovered_on"}


def test_a_conseiller_records_an_incident_of_their_organization_in_the_admin(
        client, cc, syndicat, conseiller, executif):
    client.force_login(conseiller)
    data = {"organization": cc.pk, "occurred_on": "2026-03-02", "discovered_on": "2026-03-04",
            "information_concerned": "Liste des membres", "circumstances": "Courriel égaré",
            "people_concerned": "40", "risk_assessment": "Faible", "serious_injury_risk": "on",
            "measures": "Suppression demandée"}

    response = client.post(reverse("admin:unionplans_confidentialityincident_add"), data)

    assert response.status_code == 302
    recorded = ConfidentialityIncident.objects.get()
    assert recorded.recorded_by == conseiller and recorded.notices_due
    # Not for another organization, and never deleted.
    refused = client.post(reverse("admin:unionplans_confidentialityincident_add"),
                          {**data, "organization": syndicat.pk})
    assert refused.status_code == 200 and ConfidentialityIncident.objects.count() == 1
    delete = reverse("admin:unionplans_confidentialityincident_delete", args=[recorded.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    # The exécutif reads the register on the privacy page.
    client.force_login(executif)
    assert "Avis à donner" in page(client.get(reverse("privacy", args=[cc.slug])))


def test_another_organizations_conseiller_does_not_see_the_incident(client, cc, syndicat):
    recorded = incident(cc)
    recorded.save()
    other = make_person("autre", syndicat, Role.ADVISER)
    client.force_login(other)

    change = reverse("admin:unionplans_confidentialityincident_change", args=[recorded.pk])

    assert client.get(change).status_code == 302  # the admin's "does not exist" redirect
    listing = client.get(reverse("admin:unionplans_confidentialityincident_changelist"))
    assert listing.context["cl"].result_count == 0
