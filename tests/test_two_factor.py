"""Two-factor authentication (unionplans/two_factor.py): codes computed as an authenticator
app computes them (RFC 6238, django-otp's own TOTP), no mock."""

import base64
import datetime
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import PASSWORD, Role, make_person, page
from unionplans import two_factor
from unionplans.models import Membership

pytestmark = pytest.mark.django_db


def current_code(device, offset=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def with_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="UnionPlans", confirmed=True)


def waited(device):
    """As if the person waited out django-otp's delay after a wrong code."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=1))


def log_in(username) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_setting_up_shows_a_key_and_the_first_code_turns_it_on(client, executif):
    client.force_login(executif)

    shown = client.get(reverse("two_factor_setup"))
    assert shown.status_code == 200
    assert "<svg" in page(shown)
    device = TOTPDevice.objects.get(user=executif, confirmed=False)
    assert base64.b32encode(device.bin_key).decode()[:4] in page(shown)

    wrong = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "Ce code n'est pas le bon" in page(wrong)
    assert two_factor.device_of(executif) is None

    for _ in range(2):  # two more wrong codes, each after the delay
        waited(device)
        client.post(reverse("two_factor_setup"), {"code": "000000"})
    too_soon = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
    assert too_soon.status_code == 400
    assert "Trop de codes erronés" in page(too_soon)  # django-otp's delay, said in French

    waited(device)
    done = client.post(reverse("two_factor_setup"), {"code": current_code(device)})
    assert done.status_code == 302 and done.url == reverse("account")
    assert two_factor.device_of(executif) == device


def test_with_a_device_the_password_alone_opens_nothing_but_the_code_page(cc, executif):
    device = with_device(executif)
    client = log_in("executif")
    organization = reverse("organization_detail", args=[cc.slug])

    response = client.get(organization)
    assert response.status_code == 302
    assert response.url == f"{reverse('two_factor')}?next=%2Fo%2Fccsne%2F"
    # Nor can a second device be set up from a half-open session.
    assert client.get(reverse("two_factor_setup")).status_code == 302
    assert TOTPDevice.objects.filter(user=executif).count() == 1

    wrong = client.post(reverse("two_factor"), {"code": "123456", "next": organization})
    assert wrong.status_code == 400
    assert client.get(organization).status_code == 302

    waited(device)
    code = current_code(device)
    right = client.post(reverse("two_factor"), {"code": code, "next": organization})
    assert right.status_code == 302 and right.url == organization
    assert client.get(organization).status_code == 200

    # The same code cannot open a second session (django-otp refuses a replay).
    other = log_in("executif")
    assert other.post(reverse("two_factor"), {"code": code}).status_code == 400


def test_the_code_page_never_sends_elsewhere_than_this_site(executif):
    device = with_device(executif)
    client = log_in("executif")

    response = client.post(reverse("two_factor"), {"code": current_code(device),
                                                   "next": "https://example.com/"})

    assert response.status_code == 302 and response.url == "/"


def test_without_a_device_nobody_is_asked(cc, membre):
    client = log_in("membre")

    assert client.get(reverse("organization_detail", args=[cc.slug])).status_code == 200


def require(cc, executif):
    with_device(executif)
    two_factor.requirement_set(organization=cc, required=True, by=executif)


def test_an_organization_requires_it_of_its_exécutif_and_committee_only(cc, executif, membre):
    committee = make_person("comite", cc, Role.MEMBER)
    Membership.objects.filter(user=committee).update(on_entraide_committee=True)
    before = {name: log_in(name) for name in ("comite", "membre")}
    require(cc, executif)
    organization = reverse("organization_detail", args=[cc.slug])

    # The committee member's session ended; the membre's did not.
    assert before["comite"].get(organization).status_code == 302
    assert before["membre"].get(organization).status_code == 200
    # At their next login the committee member must set it up before anything else.
    client = log_in("comite")
    response = client.get(organization, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    assert "Votre organisation exige un code" in page(response)
    device = TOTPDevice.objects.get(user=committee, confirmed=False)
    client.post(reverse("two_factor_setup"), {"code": current_code(device),
                                              "next": organization})
    assert client.get(organization).status_code == 200


def test_requiring_it_without_a_device_of_ones_own_is_refused(client, cc, executif):
    client.force_login(executif)

    response = client.post(reverse("two_factor_requirement", args=[cc.slug]),
                           {"required": "on"}, follow=True)

    assert "Activez d'abord la double authentification pour vous-même" in page(response)
    cc.refresh_from_db()
    assert not cc.requires_two_factor


def test_a_required_device_cannot_be_turned_off_an_optional_one_can(cc, executif, membre):
    require(cc, executif)
    client = log_in("executif")
    client.post(reverse("two_factor"), {"code": current_code(two_factor.device_of(executif))})
    response = client.post(reverse("two_factor_remove"), follow=True)
    assert "ne peut pas être désactivée" in page(response)
    assert two_factor.device_of(executif) is not None

    device = with_device(membre)
    client = log_in("membre")
    client.post(reverse("two_factor"), {"code": current_code(device)})
    client.post(reverse("two_factor_remove"))
    assert two_factor.device_of(membre) is None
