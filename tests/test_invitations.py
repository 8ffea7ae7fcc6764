"""Invitations by email: the services (unionplans/invitations.py), the exécutif's buttons
and the public page of a link (unionplans/invitation_views.py), and the mail as a real
SMTP server on loopback receives it (tests/smtp.py).
"""

import hashlib
import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tests.helpers import PASSWORD, Role, make_person, page, snapshot
from tests.smtp import text_of
from unionplans import accounts, invitations
from unionplans.invitations import ACCEPTED, EXPIRED, REVOKED, UNKNOWN, VALID
from unionplans.models import Invitation, Membership

User = get_user_model()
NEW_PASSWORD = "une-phrase-de-passe-solide-2026"

def absolute(path_: str) -> str:
    return "http://testserver" + path_


def invite(organization, by, email="nouvelle@example.org", role=Role.MEMBER, **fields):
    return invitations.invitation_create(organization=organization, email=email, role=role,
                                         by=by, absolute_uri=absolute, **fields)


def link_in(message) -> str:
    body = message.body if hasattr(message, "body") else text_of(message)
    return re.search(r"https?://\S+/invitation/[^/\s]+/", body)[0]


def token_in(message) -> str:
    return link_in(message).rstrip("/").rsplit("/", 1)[1]


def age(invitation, **delta):
    """Pretend `invitation` and every send of it happened `delta` earlier."""
    shift = timedelta(**delta)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.sent_at - shift,
                                                       expires_at=invitation.expires_at - shift)
    for record in Invitation.history.filter(id=invitation.pk):
        Invitation.history.filter(pk=record.pk).update(history_date=record.history_date - shift)
    invitation.refresh_from_db()


def french_time(moment) -> str:
    """« 9 h 05 », « 10 h »: the hour without a leading zero, the minutes unless zero."""
    local = timezone.localtime(moment)
    return f"{local.hour}\xa0h" + (f"\xa0{local.minute:02d}" if local.minute else "")


# The link: only its digest is kept, it expires, it works once


def test_it_keeps_only_the_digest_of_the_link(cc, executif):
    invitation = invite(cc, executif)
    token = token_in(mail.outbox[0])
    assert len(token) >= 43  # token_urlsafe(32)
    assert invitation.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(snapshot())
    assert invitations.invitation_for_token(token).invitation == invitation
    assert invitations.invitation_for_token(token).state == VALID


def test_the_link_expires_after_seven_days(cc, executif):
    invitation = invite(cc, executif)
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)
    token = token_in(mail.outbox[0])
    age(invitation, days=7)
    assert invitations.invitation_for_token(token).state == EXPIRED
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_accept(token=token, user=make_person("nouvelle"))
    assert refusal.value.code == EXPIRED
    assert not Membership.objects.filter(user__username="nouvelle").exists()


def test_the_link_works_once(cc, executif, outsider):
    invite(cc, executif, email=outsider.email, role=Role.EXECUTIVE, on_entraide_committee=True)
    token = token_in(mail.outbox[0])
    membership = invitations.invitation_accept(token=token, user=outsider)
    assert (membership.organization, membership.role, membership.on_entraide_committee,
            membership.is_active) == (cc, Role.EXECUTIVE, True, True)
    assert invitations.invitation_for_token(token).state == ACCEPTED
    other = make_person("autre")
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_accept(token=token, user=other)
    assert refusal.value.messages == [_("This invitation was already accepted.")]
    assert not other.memberships.exists()


def test_a_wrong_token_is_unknown(cc, executif, outsider):
    invite(cc, executif)
    assert invitations.invitation_for_token("pas-un-jeton").state == UNKNOWN
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_accept(token="pas-un-jeton", user=outsider)
    assert refusal.value.code == UNKNOWN


def test_a_revoked_link_no_longer_works(cc, executif, outsider):
    invitation = invite(cc, executif, email=outsider.email)
    token = token_in(mail.outbox[0])
    invitations.invitation_revoke(invitation=invitation, by=executif)
    assert invitations.invitation_for_token(token).state == REVOKED
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_accept(token=token, user=outsider)
    assert refusal.value.code == REVOKED
    assert not outsider.memberships.exists()
    with pytest.raises(ValidationError) as again:
        invitations.invitation_revoke(invitation=invitation, by=executif)
    assert again.value.messages == [_("This invitation was revoked.")]


def test_an_accepted_invitation_cannot_be_revoked_or_resent(cc, executif, outsider):
    invitation = invite(cc, executif, email=outsider.email)
    invitations.invitation_accept(token=token_in(mail.outbox[0]), user=outsider)
    age(invitation, minutes=11)
    for refused in (lambda: invitations.invitation_revoke(invitation=invitation, by=executif),
                    lambda: invitations.invitation_resend(invitation=invitation, by=executif,
                                                          absolute_uri=absolute)):
        with pytest.raises(ValidationError) as refusal:
            refused()
        assert refusal.value.code == ACCEPTED
    assert len(mail.outbox) == 1


# Resending


def test_a_resend_mails_a_new_link_and_the_old_one_stops(cc, executif):
    invitation = invite(cc, executif)
    old = token_in(mail.outbox[0])
    age(invitation, minutes=10)
    invitations.invitation_resend(invitation=invitation, by=executif, absolute_uri=absolute)
    invitation.refresh_from_db()
    new = token_in(mail.outbox[1])
    assert new != old
    assert invitations.invitation_for_token(old).state == UNKNOWN
    assert invitations.invitation_for_token(new).state == VALID
    assert invitation.send_count == 2
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)


def test_an_expired_invitation_can_be_resent(cc, executif):
    invitation = invite(cc, executif)
    age(invitation, days=8)
    invitations.invitation_resend(invitation=invitation, by=executif, absolute_uri=absolute)
    assert invitations.invitation_for_token(token_in(mail.outbox[1])).state == VALID


def test_a_resend_waits_ten_minutes(cc, executif):
    invitation = invite(cc, executif)
    age(invitation, minutes=9)
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_resend(invitation=invitation, by=executif, absolute_uri=absolute)
    allowed = invitation.sent_at + timedelta(minutes=10)
    assert refusal.value.messages == [
        _("This invitation was sent at %(sent)s: it can be sent again from %(allowed)s.")
        % {"sent": french_time(invitation.sent_at), "allowed": french_time(allowed)}
    ]
    assert len(mail.outbox) == 1
    invitation.refresh_from_db()
    assert invitation.send_count == 1


def test_inviting_the_same_address_again_resends_the_open_invitation(cc, executif):
    first = invite(cc, executif, email="Nouvelle@Example.org")
    assert first.email == "nouvelle@example.org"
    with pytest.raises(ValidationError) as refusal:
        invite(cc, executif, email="nouvelle@example.org", role=Role.EXECUTIVE)
    assert refusal.value.code == "resend_interval"
    age(first, minutes=10)
    again = invite(cc, executif, email="NOUVELLE@example.org", role=Role.EXECUTIVE)
    assert again.pk == first.pk
    assert Invitation.objects.count() == 1
    again.refresh_from_db()
    assert (again.role, again.send_count) == (Role.EXECUTIVE, 2)
    assert len(mail.outbox) == 2


def test_a_revoked_address_can_be_invited_anew(cc, executif):
    first = invite(cc, executif)
    invitations.invitation_revoke(invitation=first, by=executif)
    second = invite(cc, executif)
    assert second.pk != first.pk
    assert Invitation.objects.count() == 2


# Who may be invited


def test_an_active_member_is_not_invited(cc, executif, membre):
    with pytest.raises(ValidationError) as refusal:
        invite(cc, executif, email="MEMBRE@example.org")
    assert refusal.value.messages == [
        _("%(email)s is already a member of %(organization)s.")
        % {"email": "membre@example.org", "organization": "CCSNE"}
    ]
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_a_member_of_another_organization_is_invited(cc, executif, executif2):
    invite(cc, executif, email=executif2.email)
    assert mail.outbox[0].to == ["executif2@example.org"]


def test_a_former_member_comes_back_with_the_invited_role(cc, executif, membre):
    Membership.objects.filter(user=membre).update(is_active=False,
                                                  deactivated_at=timezone.now())
    invite(cc, executif, email=membre.email, role=Role.EXECUTIVE)
    membership = invitations.invitation_accept(token=token_in(mail.outbox[0]), user=membre)
    membership.refresh_from_db()
    assert (membership.role, membership.is_active, membership.deactivated_at) == (
        Role.EXECUTIVE, True, None)
    assert Membership.objects.filter(user=membre).count() == 1


# Conseillers are assigned by a superuser only


def test_an_executif_cannot_invite_a_conseiller(cc, executif):
    with pytest.raises(ValidationError) as refusal:
        invite(cc, executif, email="nouvelle@example.org", role=Role.ADVISER)
    assert refusal.value.code == "adviser_assignment"
    assert refusal.value.messages == [_("Union advisers are assigned by an administrator.")]
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_a_superuser_invites_a_conseiller(cc, superuser, outsider):
    invite(cc, superuser, email=outsider.email, role=Role.ADVISER)
    membership = invitations.invitation_accept(token=token_in(mail.outbox[0]), user=outsider)
    assert (membership.role, membership.is_active) == (Role.ADVISER, True)


def test_an_invitation_to_be_conseiller_from_an_executif_is_not_accepted(
        cc, superuser, executif, outsider):
    """An invitation whose inviter may not assign conseillers (here one sent before the
    rule) makes nobody a conseiller."""
    invitation = invite(cc, superuser, email=outsider.email, role=Role.ADVISER)
    Invitation.objects.filter(pk=invitation.pk).update(invited_by=executif)
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_accept(token=token_in(mail.outbox[0]), user=outsider)
    assert refusal.value.code == "adviser_assignment"
    assert snapshot() == before


def test_a_former_conseiller_does_not_come_back_through_an_executifs_invitation(
        cc, executif, conseiller):
    Membership.objects.filter(user=conseiller).update(is_active=False,
                                                      deactivated_at=timezone.now())
    invite(cc, executif, email=conseiller.email, role=Role.EXECUTIVE)
    before = snapshot()
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_accept(token=token_in(mail.outbox[0]), user=conseiller)
    assert refusal.value.code == "adviser_assignment"
    assert snapshot() == before
    membership = Membership.objects.get(user=conseiller)
    assert (membership.role, membership.is_active) == (Role.ADVISER, False)


def test_a_former_conseiller_comes_back_through_a_superusers_invitation(
        cc, superuser, conseiller):
    Membership.objects.filter(user=conseiller).update(is_active=False,
                                                      deactivated_at=timezone.now())
    invite(cc, superuser, email=conseiller.email, role=Role.MEMBER)
    membership = invitations.invitation_accept(token=token_in(mail.outbox[0]), user=conseiller)
    assert (membership.role, membership.is_active) == (Role.MEMBER, True)


def test_the_form_offers_the_conseiller_role_to_a_superuser_only(
        client, cc, executif, superuser):
    from unionplans.invitation_views import InvitationForm, panel_context

    def roles(form):
        return [value for value, _label in form.fields["role"].choices]

    assert Role.ADVISER not in roles(InvitationForm(by=executif))
    assert Role.ADVISER not in roles(panel_context(cc)["invitation_form"])
    assert Role.ADVISER in roles(InvitationForm(by=superuser))
    assert Role.ADVISER in roles(panel_context(cc, by=superuser)["invitation_form"])
    client.force_login(executif)
    before = snapshot()
    response = client.post(reverse("invitation_create", args=[cc.slug]),
                           {"email": "nouvelle@example.org", "role": Role.ADVISER},
                           follow=True)
    assert response.status_code == 200
    assert snapshot() == before
    assert mail.outbox == []


def test_an_active_member_accepting_is_refused_and_keeps_the_role(cc, executif, membre):
    invitation = invite(cc, executif, email="quelqu.un@example.org", role=Role.EXECUTIVE)
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_accept(token=token_in(mail.outbox[0]), user=membre)
    assert refusal.value.code == "member"
    assert Membership.objects.get(user=membre).role == Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_bad_address_or_role_is_refused(cc, executif):
    with pytest.raises(ValidationError):
        invite(cc, executif, email="pas une adresse")
    with pytest.raises(ValidationError) as refusal:
        invite(cc, executif, role="president")
    assert refusal.value.messages == [_("Unknown role.")]
    assert Invitation.objects.count() == 0


# Rate limits, counted in the database


def test_an_executif_sends_at_most_50_an_hour(cc, executif):
    for number in range(50):
        invite(cc, executif, email=f"personne{number}@example.org")
    first_sends = Invitation.history.order_by("history_date")
    oldest = first_sends.first()
    with pytest.raises(ValidationError) as refusal:
        invite(cc, executif, email="une-de-trop@example.org")
    assert refusal.value.messages == [
        _("You sent %(count)d invitations in the last hour, the most allowed: try again "
          "at %(time)s.") % {"count": 50,
                             "time": french_time(oldest.history_date + timedelta(hours=1))}
    ]
    assert Invitation.objects.count() == 50
    assert len(mail.outbox) == 50


def test_resends_count_in_the_hourly_limit_and_an_hour_later_it_is_open(
        cc, executif, monkeypatch):
    monkeypatch.setattr(invitations, "PER_PERSON", 3)
    invitation = invite(cc, executif)
    age(invitation, minutes=30)
    invitations.invitation_resend(invitation=invitation, by=executif, absolute_uri=absolute)
    invite(cc, executif, email="deux@example.org")
    with pytest.raises(ValidationError) as refusal:
        invite(cc, executif, email="trois@example.org")
    assert refusal.value.code == "person_limit"
    # The first send leaves the window: one more fits.
    Invitation.history.filter(history_date__lt=timezone.now() - timedelta(minutes=20)).update(
        history_date=timezone.now() - timedelta(hours=1, seconds=1))
    invite(cc, executif, email="trois@example.org")
    assert Invitation.objects.count() == 3


def test_an_organization_sends_at_most_500_a_day(cc, executif, monkeypatch):
    assert invitations.PER_ORGANIZATION == 500
    monkeypatch.setattr(invitations, "PER_ORGANIZATION", 2)
    second = make_person("executif-bis", cc, Role.EXECUTIVE)
    invite(cc, executif, email="un@example.org")
    invite(cc, second, email="deux@example.org")
    oldest = Invitation.history.order_by("history_date").first()
    with pytest.raises(ValidationError) as refusal:
        invite(cc, second, email="trois@example.org")
    again = timezone.localtime(oldest.history_date + timedelta(days=1))
    with pytest.raises(ValidationError):
        invite(cc, executif, email="trois@example.org")
    from unionplans.templatetags.dates import long_date

    assert refusal.value.messages == [
        _("%(organization)s sent %(count)d invitations in the last 24 hours, the most "
          "allowed: try again on %(date)s at %(time)s.")
        % {"organization": "CCSNE", "count": 2, "date": long_date(again),
           "time": french_time(again)}
    ]
    assert Invitation.objects.count() == 2


def test_another_organization_has_its_own_limit(cc, syndicat, executif, executif2,
                                                monkeypatch):
    monkeypatch.setattr(invitations, "PER_ORGANIZATION", 1)
    invite(cc, executif)
    invite(syndicat, executif2)
    assert Invitation.objects.count() == 2


# History


def test_every_change_records_who_made_it(cc, executif, outsider):
    invitation = invite(cc, executif, email=outsider.email)
    token = token_in(mail.outbox[0])
    invitations.invitation_accept(token=token, user=outsider)
    records = list(Invitation.history.filter(id=invitation.pk).order_by("history_date"))
    assert [(r.history_user, r.history_change_reason) for r in records] == [
        (executif, "sent"), (outsider, None)]
    membership = Membership.objects.get(user=outsider)
    assert membership.history.get().history_user == outsider
    revoked = invite(cc, executif, email="autre@example.org")
    invitations.invitation_revoke(invitation=revoked, by=executif)
    assert Invitation.history.filter(id=revoked.pk).latest("history_date").history_user \
        == executif


# The mail, through a real SMTP server


def test_the_smtp_server_receives_the_mail_in_french_then_english(
        client, cc, executif, smtp_server):
    client.force_login(executif)
    response = client.post(reverse("invitation_create", args=[cc.slug]),
                           {"email": "Nouvelle@Example.org", "role": Role.EXECUTIVE})
    assert response.status_code == 302
    assert response.url == reverse("members", args=[cc.slug])
    [message] = smtp_server.messages
    assert message["To"] == "nouvelle@example.org"
    assert message["From"] == "UnionPlans <noreply@localhost>"
    assert smtp_server.envelopes[0].rcpt_tos == ["nouvelle@example.org"]
    assert message["Subject"].strip() == (
        "Invitation à rejoindre CCSNE sur UnionPlans / Invitation to join CCSNE on UnionPlans")
    text = text_of(message)
    french, english = text.split("-" * 70)
    invitation = Invitation.objects.get()
    expires = timezone.localtime(invitation.expires_at)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
    day = "1er" if expires.day == 1 else str(expires.day)
    assert "Denis Gagnon vous invite à rejoindre " + cc.name in french
    assert "avec le rôle « Membre de l'exécutif »" in french
    assert f"expire le {day} {months[expires.month - 1]} {expires.year}" in french
    assert "Denis Gagnon invites you to join " + cc.name in english
    assert "with the role “Executive”" in english
    link = link_in(message)
    assert link.startswith("http://testserver/invitation/")
    assert french.count(link) == 1
    assert english.count(link) == 1
    assert f'href="{link}"' in text_of(message, "html")
    assert invitation.token_digest == hashlib.sha256(token_in(message).encode()).hexdigest()


def test_the_mail_is_french_first_even_from_an_english_page(client, cc, executif,
                                                             smtp_server):
    client.force_login(executif)
    client.post(reverse("set_language"), {"language": "en"})
    client.post(reverse("invitation_create", args=[cc.slug]),
                {"email": "nouvelle@example.org", "role": Role.MEMBER})
    text = text_of(smtp_server.messages[0])
    assert text.index("Bonjour") < text.index("Hello")
    assert "« Membre »" in text
    assert "“Member”" in text


def test_when_the_mail_server_is_down_nothing_is_saved(client, cc, executif, smtp_down):
    client.force_login(executif)
    before = snapshot()
    response = client.post(reverse("invitation_create", args=[cc.slug]),
                           {"email": "nouvelle@example.org", "role": Role.MEMBER},
                           follow=True)
    assert response.status_code == 200
    assert (_("The invitation to %(email)s could not be sent (the mail server did not "
              "accept it), so nothing was saved. Try again in a few minutes.")
            % {"email": "nouvelle@example.org"}) in page(response)
    assert snapshot() == before


def test_a_resend_that_fails_keeps_the_old_link(cc, executif, settings, smtp_down):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    invitation = invite(cc, executif)
    token = token_in(mail.outbox[0])
    age(invitation, minutes=11)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with pytest.raises(ValidationError) as refusal:
        invitations.invitation_resend(invitation=invitation, by=executif, absolute_uri=absolute)
    assert refusal.value.code == "not_sent"
    assert invitations.invitation_for_token(token).state == VALID
    invitation.refresh_from_db()
    assert invitation.send_count == 1


# The exécutif's buttons


def test_the_members_page_lists_invitations_with_their_buttons(client, cc, executif):
    pending = invite(cc, executif, email="attente@example.org")
    revoked = invite(cc, executif, email="revoquee@example.org")
    invitations.invitation_revoke(invitation=revoked, by=executif)
    client.force_login(executif)
    response = client.get(reverse("members", args=[cc.slug]))
    text = page(response)
    assert reverse("invitation_create", args=[cc.slug]) in text
    assert reverse("invitation_resend", args=[cc.slug, pending.pk]) in text
    assert reverse("invitation_revoke", args=[cc.slug, pending.pk]) in text
    assert reverse("invitation_revoke", args=[cc.slug, revoked.pk]) not in text
    assert "attente@example.org" in text
    assert "revoquee@example.org" in text


def test_a_bad_address_posted_is_a_message_and_nothing_else(client, cc, executif):
    client.force_login(executif)
    response = client.post(reverse("invitation_create", args=[cc.slug]),
                           {"email": "pas une adresse", "role": Role.MEMBER}, follow=True)
    assert "Saisissez une adresse de courriel valide." in page(response)
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_resend_and_revoke_buttons(client, cc, executif):
    invitation = invite(cc, executif)
    client.force_login(executif)
    early = client.post(reverse("invitation_resend", args=[cc.slug, invitation.pk]),
                        follow=True)
    allowed = invitation.sent_at + timedelta(minutes=10)
    assert (_("This invitation was sent at %(sent)s: it can be sent again from %(allowed)s.")
            % {"sent": french_time(invitation.sent_at), "allowed": french_time(allowed)}
            ) in page(early)
    age(invitation, minutes=11)
    client.post(reverse("invitation_resend", args=[cc.slug, invitation.pk]))
    assert len(mail.outbox) == 2
    response = client.post(reverse("invitation_revoke", args=[cc.slug, invitation.pk]))
    assert response.url == reverse("members", args=[cc.slug])
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


# The page of the link


def accept_url(token: str) -> str:
    return reverse("invitation_accept", args=[token])


@pytest.fixture
def token(cc, executif):
    invite(cc, executif, email="nouvelle@example.org", role=Role.MEMBER,
           on_entraide_committee=True)
    return token_in(mail.outbox[-1])


def test_a_newcomer_creates_an_account_and_lands_in_the_organization(client, cc, token):
    response = client.get(accept_url(token))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "strict-origin"
    assert "nouvelle@example.org" in page(response)
    response = client.post(accept_url(token), {
        "first_name": "Nadia", "last_name": "Tremblay",
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
    })
    assert response.status_code == 302
    assert response.url == reverse("organization_detail", args=[cc.slug])
    user = authenticate(username="nouvelle@example.org", password=NEW_PASSWORD)
    assert (user.email, user.first_name, user.last_name) == (
        "nouvelle@example.org", "Nadia", "Tremblay")
    membership = Membership.objects.get(user=user)
    assert (membership.organization, membership.role, membership.on_entraide_committee) == (
        cc, Role.MEMBER, True)
    assert client.get(reverse("organization_detail", args=[cc.slug])).status_code == 200
    again = client.get(accept_url(token))
    assert again.status_code == 410
    assert _("This invitation was already accepted.") in page(again)


def test_a_weak_or_mismatched_password_creates_nothing(client, token):
    before = snapshot()
    weak = client.post(accept_url(token), {"first_name": "Nadia", "last_name": "Tremblay",
                                           "password1": "123", "password2": "123"})
    assert weak.status_code == 400
    assert "Ce mot de passe est trop court" in page(weak)
    mismatch = client.post(accept_url(token), {
        "first_name": "Nadia", "last_name": "Tremblay",
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert mismatch.status_code == 400
    assert "Les deux mots de passe ne correspondent pas" in page(mismatch)
    assert snapshot() == before


def test_someone_logged_in_joins_with_one_button(client, cc, executif, outsider):
    invite(cc, executif, email="Outsider@Example.org")
    token = token_in(mail.outbox[-1])
    client.force_login(outsider)
    response = client.get(accept_url(token))
    assert response.status_code == 200
    assert 'name="password1"' not in page(response)
    assert "outsider" in page(response)
    response = client.post(accept_url(token))
    assert response.url == reverse("organization_detail", args=[cc.slug])
    assert Membership.objects.get(user=outsider).role == Role.MEMBER


def test_someone_logged_in_with_another_address_is_refused(client, cc, token, outsider):
    """Holding the link is not enough: it is for its address only."""
    client.force_login(outsider)
    response = client.get(accept_url(token))
    refusal = _("This invitation is for « %(email)s ». Log out and open the link again, or "
                "ask for an invitation to your own address.") % {"email": "nouvelle@example.org"}
    assert response.status_code == 200
    assert refusal in page(response)
    assert "<button" not in page(response).split("<main", 1)[1]
    before = snapshot()
    response = client.post(accept_url(token))
    assert response.status_code == 403
    assert refusal in page(response)
    assert snapshot() == before
    assert not outsider.memberships.exists()
    assert invitations.invitation_for_token(token).state == VALID


def test_an_address_with_an_account_is_asked_to_log_in(client, cc, executif, outsider):
    invite(cc, executif, email="OUTSIDER@example.org")
    token = token_in(mail.outbox[0])
    response = client.get(accept_url(token))
    assert response.status_code == 200
    login_url = f"{reverse('login')}?next={reverse('invitation_resume')}"
    assert login_url in page(response)
    assert f"next={accept_url(token)}" not in page(response)
    assert 'name="password1"' not in page(response)
    before = snapshot(app_labels=("unionplans", "auth"))
    post = client.post(accept_url(token), {"first_name": "X", "last_name": "Y",
                                           "password1": NEW_PASSWORD,
                                           "password2": NEW_PASSWORD})
    assert post.status_code == 409
    assert snapshot(app_labels=("unionplans", "auth")) == before

    # The login page comes back to /invitation/, which goes on to the link's page.
    response = client.post(login_url, {"username": "outsider", "password": PASSWORD,
                                       "next": reverse("invitation_resume")})
    assert response.url == reverse("invitation_resume")
    response = client.get(response.url)
    assert response.url == accept_url(token)
    response = client.post(accept_url(token))
    assert response.url == reverse("organization_detail", args=[cc.slug])
    assert Membership.objects.get(user=outsider, organization=cc).role == Role.MEMBER


def test_a_failed_login_from_the_invitation_keeps_no_secret(client, cc, executif, outsider):
    """django-axes records the GET and POST data of each failed login: the link's secret
    must not be among them."""
    invite(cc, executif, email=outsider.email)
    token = token_in(mail.outbox[0])
    client.get(accept_url(token))
    login_url = f"{reverse('login')}?next={reverse('invitation_resume')}"
    response = client.post(login_url, {"username": "outsider", "password": "faux",
                                       "next": reverse("invitation_resume")})
    assert response.status_code == 200
    [attempt] = AccessAttempt.objects.all()
    assert token not in f"{attempt.get_data}{attempt.post_data}{attempt.path_info}"
    # Even a login page opened with the secret in its `next` keeps it out of the record.
    client.post(f"{reverse('login')}?next={accept_url(token)}",
                {"username": "outsider", "password": "faux", "next": accept_url(token)})
    for attempt in AccessAttempt.objects.all():
        assert token not in f"{attempt.get_data}{attempt.post_data}{attempt.path_info}"


# An account made by the member import (no password yet)


@pytest.fixture
def imported(cc, executif):
    """An account as the CSV import makes it (unusable password), invited to `cc`."""
    user = accounts.account_create(email="Importee@Example.org", first_name="Line",
                                   last_name="Roy")
    invite(cc, executif, email=user.email)
    return user


def test_an_imported_account_chooses_its_password_on_the_link(client, cc, imported):
    token = token_in(mail.outbox[-1])
    response = client.get(accept_url(token))
    assert response.status_code == 200
    assert 'name="password1"' in page(response)
    assert 'name="first_name"' not in page(response)
    response = client.post(accept_url(token), {"password1": NEW_PASSWORD,
                                               "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("organization_detail", args=[cc.slug])
    assert authenticate(username=imported.username, password=NEW_PASSWORD) == imported
    assert Membership.objects.get(user=imported).organization == cc
    assert client.get(reverse("organization_detail", args=[cc.slug])).status_code == 200
    assert User.objects.count() == 2  # the exécutif and the imported account, no other


def test_an_imported_account_with_a_weak_password_changes_nothing(client, imported):
    token = token_in(mail.outbox[-1])
    before = snapshot(app_labels=("unionplans", "auth"))
    response = client.post(accept_url(token), {"password1": "123", "password2": "123"})
    assert response.status_code == 400
    assert snapshot(app_labels=("unionplans", "auth")) == before


# A race: the account or the membership appears between the page and the post


def test_an_account_created_meanwhile_is_a_409_not_a_500(client, cc, token, monkeypatch):
    from unionplans import invitation_views

    assert client.get(accept_url(token)).status_code == 200
    # Another request creates the account now; this one looked before it existed.
    User.objects.create_user(username="autre", email="NOUVELLE@example.org")
    monkeypatch.setattr(invitation_views, "_account_of", lambda email: None)
    monkeypatch.setattr(accounts, "email_taken", lambda *args, **kwargs: False)
    client.raise_request_exception = True
    response = client.post(accept_url(token), {
        "first_name": "Nadia", "last_name": "Tremblay",
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 409
    assert _("This invitation was already accepted, or the account exists: log in.") in page(
        response)
    assert User.objects.filter(email__iexact="nouvelle@example.org").count() == 1
    assert invitations.invitation_for_token(token).state == VALID


def test_an_active_member_is_told_and_nothing_changes(client, cc, executif, membre):
    Membership.objects.filter(user=membre).update(is_active=False)
    invite(cc, executif, email=membre.email)
    token = token_in(mail.outbox[-1])
    Membership.objects.filter(user=membre).update(is_active=True)  # back meanwhile
    client.force_login(membre)
    before = snapshot()
    response = client.post(accept_url(token))
    assert response.status_code == 409
    assert _("You are already a member of %(organization)s: this invitation is not needed.") \
        % {"organization": "Conseil central des syndicats nationaux de l'Estrie"} \
        in page(response)
    assert snapshot() == before


@pytest.mark.parametrize("state", [EXPIRED, REVOKED, ACCEPTED])
def test_a_closed_link_says_so_with_410(client, cc, executif, outsider, state, caplog):
    invitation = invite(cc, executif)
    token = token_in(mail.outbox[0])
    if state == EXPIRED:
        age(invitation, days=8)
    elif state == REVOKED:
        invitations.invitation_revoke(invitation=invitation, by=executif)
    else:
        invitations.invitation_accept(token=token, user=outsider)
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        for method in (client.get, client.post):
            response = method(accept_url(token))
            assert response.status_code == 410
            assert invitations.LINK_STATES[state]() in page(response)
            assert response["Referrer-Policy"] == "strict-origin"
    assert token not in caplog.text


def test_an_unknown_link_is_404_and_not_logged(client, db, caplog):
    token = "x" * 43
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        response = client.get(accept_url(token))
    assert response.status_code == 404
    assert invitations.LINK_STATES[UNKNOWN]() in page(response)
    assert token not in caplog.text

