"""The members of an organization: the services' rules, the members page, the CSV import."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.helpers import Role, at_once, make_person, needs_postgresql, page
from unionplans import members
from unionplans.models import Membership, Receipt

User = get_user_model()


def fr(msgid, **params) -> str:
    """A message as a French page shows it (new messages: as the catalogue will have it)."""
    with translation.override("fr"):
        text = str(translation.gettext(msgid) if isinstance(msgid, str) else msgid)
    return text % params if params else text


def membership_of(user, organization):
    return Membership.objects.get(user=user, organization=organization)


# Services


def test_a_role_change_is_recorded_with_who_made_it(executif, membre, cc):
    membership = membership_of(membre, cc)
    members.membership_change(membership=membership, by=executif, role=Role.EXECUTIVE,
                              on_entraide_committee=True)

    membership.refresh_from_db()
    assert (membership.role, membership.on_entraide_committee) == (Role.EXECUTIVE, True)
    latest = membership.history.latest()
    assert latest.history_user == executif
    assert latest.role == Role.EXECUTIVE


def test_the_last_executive_cannot_demote_itself(executif, membre, cc):
    with pytest.raises(ValidationError) as refused:
        members.membership_change(membership=membership_of(executif, cc), by=executif,
                                  role=Role.MEMBER)
    assert refused.value.code == "last_executive"
    assert membership_of(executif, cc).role == Role.EXECUTIVE


def test_the_last_executive_cannot_be_deactivated(executif, superuser, cc):
    with pytest.raises(ValidationError) as refused:
        members.membership_deactivate(membership=membership_of(executif, cc), by=superuser)
    assert refused.value.code == "last_executive"
    assert membership_of(executif, cc).is_active


def test_a_demotion_from_a_stale_copy_keeps_the_last_executive(executif, cc):
    other = make_person("deuxieme", cc, Role.EXECUTIVE)
    # Each opened the page while both were exécutifs: their copies are stale.
    mine, theirs = membership_of(executif, cc), membership_of(other, cc)
    members.membership_change(membership=theirs, by=executif, role=Role.MEMBER)

    with pytest.raises(ValidationError) as refused:
        members.membership_change(membership=mine, by=other, role=Role.MEMBER)
    assert refused.value.code == "last_executive"
    assert Membership.objects.filter(organization=cc, role=Role.EXECUTIVE,
                                     is_active=True).count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_executives_demoting_each_other_at_once_leave_one(executif, cc):
    """Two threads, each with its own connection, each demoting the other at once: the
    exécutif memberships are locked while counting, so exactly one demotion passes."""
    other = make_person("deuxieme", cc, Role.EXECUTIVE)
    mine, theirs = membership_of(executif, cc), membership_of(other, cc)

    def demote(membership, by):
        return lambda: members.membership_change(membership=membership, by=by,
                                                 role=Role.MEMBER)

    outcomes = at_once([demote(theirs, executif), demote(mine, other)])

    # PostgreSQL queues the second behind the first's locks, which then counts one
    # exécutif and refuses.
    refusals = {"last_executive"}
    assert outcomes.count("done") == 1 and len(outcomes) == 2
    assert (set(outcomes) - {"done"}) <= refusals
    assert Membership.objects.filter(organization=cc, role=Role.EXECUTIVE,
                                     is_active=True).count() == 1


def test_an_executive_may_step_down_when_another_remains(executif, cc):
    make_person("deuxieme", cc, Role.EXECUTIVE)
    members.membership_change(membership=membership_of(executif, cc), by=executif,
                              role=Role.MEMBER)
    assert membership_of(executif, cc).role == Role.MEMBER


def test_an_executive_does_not_assign_advisers(executif, membre, conseiller, cc):
    with pytest.raises(ValidationError) as refused:
        members.membership_change(membership=membership_of(membre, cc), by=executif,
                                  role=Role.ADVISER)
    assert refused.value.code == "adviser_assignment"
    with pytest.raises(ValidationError):
        members.membership_deactivate(membership=membership_of(conseiller, cc), by=executif)
    assert membership_of(conseiller, cc).is_active


@pytest.mark.parametrize("change", [
    lambda m, by: members.membership_change(membership=m, by=by, on_entraide_committee=True),
    lambda m, by: members.membership_change(membership=m, by=by, role=Role.ADVISER,
                                            on_entraide_committee=True),
    lambda m, by: members.membership_deactivate(membership=m, by=by),
])
def test_an_executive_changes_nothing_of_a_conseiller(executif, conseiller, cc, change):
    membership = membership_of(conseiller, cc)
    with pytest.raises(ValidationError) as refused:
        change(membership, executif)
    assert refused.value.code == "adviser_assignment"
    membership = membership_of(conseiller, cc)
    assert (membership.on_entraide_committee, membership.is_active) == (False, True)


def test_an_executive_does_not_reactivate_a_conseiller(executif, superuser, conseiller, cc):
    membership = membership_of(conseiller, cc)
    members.membership_deactivate(membership=membership, by=superuser)
    with pytest.raises(ValidationError) as refused:
        members.membership_reactivate(membership=membership, by=executif)
    assert refused.value.code == "adviser_assignment"
    assert not membership_of(conseiller, cc).is_active


def test_a_superuser_flags_a_conseiller(superuser, conseiller, cc):
    members.membership_change(membership=membership_of(conseiller, cc), by=superuser,
                              on_entraide_committee=True)
    assert membership_of(conseiller, cc).on_entraide_committee


def test_the_page_shows_a_conseiller_read_only_to_an_executive(login, executif, conseiller,
                                                                 membre, cc):
    adviser = membership_of(conseiller, cc)
    text = page(login(executif).get(reverse("members", args=[cc.slug])))
    assert f'id="member-{adviser.pk}-form"' not in text
    assert f'form="member-{adviser.pk}-form"' not in text
    assert reverse("member_deactivate", args=[cc.slug, adviser.pk]) not in text
    assert reverse("member_update", args=[cc.slug, membership_of(membre, cc).pk]) in text
    response = login(executif).post(reverse("member_update", args=[cc.slug, adviser.pk]),
                                    {"role": Role.ADVISER, "on_entraide_committee": "on"},
                                    follow=True)
    assert fr("Union advisers are assigned by an administrator.") in page(response)
    assert not membership_of(conseiller, cc).on_entraide_committee


def test_the_page_lets_a_superuser_change_a_conseiller(login, superuser, conseiller, cc):
    adviser = membership_of(conseiller, cc)
    text = page(login(superuser).get(reverse("members", args=[cc.slug])))
    assert f'id="member-{adviser.pk}-form"' in text


def test_a_superuser_assigns_advisers(superuser, membre, cc):
    members.membership_change(membership=membership_of(membre, cc), by=superuser,
                              role=Role.ADVISER)
    assert membership_of(membre, cc).role == Role.ADVISER


def test_deactivation_keeps_follow_ups_and_removes_access(client, executif, membre, cc):
    from plans.models import Action, FollowUp, Orientation, WorkPlan

    plan = WorkPlan.objects.create(organization=cc, title="Plan", mandate_start="2022-06-01",
                                   mandate_end="2025-06-01")
    orientation = Orientation.objects.create(plan=plan, statement="O")
    action = Action.objects.create(orientation=orientation, what="A")
    follow_up = FollowUp.objects.create(action=action, text="Fait", author=membre)
    url = reverse("organization_detail", args=[cc.slug])
    client.force_login(membre)
    assert client.get(url).status_code == 200

    members.membership_deactivate(membership=membership_of(membre, cc), by=executif)

    assert client.get(url).status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.author == membre
    membership = membership_of(membre, cc)
    assert not membership.is_active and membership.deactivated_at is not None
    assert membership.history.latest().history_user == executif
    assert User.objects.filter(pk=membre.pk).exists()

    members.membership_reactivate(membership=membership, by=executif)
    assert client.get(url).status_code == 200
    assert membership_of(membre, cc).deactivated_at is None


def test_an_inactive_membership_is_not_changed(executif, membre, cc):
    membership = membership_of(membre, cc)
    members.membership_deactivate(membership=membership, by=executif)
    with pytest.raises(ValidationError) as refused:
        members.membership_change(membership=membership, by=executif, role=Role.EXECUTIVE)
    assert refused.value.code == "inactive"
    with pytest.raises(ValidationError) as refused:
        members.membership_deactivate(membership=membership, by=executif)
    assert refused.value.code == "already_inactive"


def test_members_of_by_name_in_one_query(executif, conseiller, membre, cc,
                                         django_assert_num_queries):
    make_person("zoe", cc, Role.MEMBER, first_name="Zoé", last_name="Cormier")
    gone = make_person("parti", cc, Role.MEMBER, first_name="Paul", last_name="Allard")
    Membership.objects.filter(user=gone).update(is_active=False)

    with django_assert_num_queries(1):
        found = members.members_of(cc)
    assert [m.name for m in found] == ["Mario Bélanger", "Zoé Cormier", "Josée Côté",
                                       "Denis Gagnon"]
    assert found[0].email == "conseiller@example.org"
    assert [m.name for m in members.members_of(cc, include_inactive=True)][0] == "Paul Allard"


# The members page


def test_the_page_lists_the_people_in_french(login, executif, conseiller, membre, cc):
    response = login(executif).get(reverse("members", args=[cc.slug]))
    text = page(response)
    assert response.status_code == 200
    for expected in ["Membres et rôles", "Josée Côté", "membre@example.org", "Denis Gagnon",
                     "Comité d'entraide", "Enregistrer", fr("Deactivate")]:
        assert expected in text
    assert reverse("member_update", args=[cc.slug, membership_of(membre, cc).pk]) in text
    assert "stack-on-phone" in text
    assert 'data-label="Courriel"' in text


def test_a_conseiller_reads_the_page_without_buttons(login, conseiller, membre, cc):
    text = page(login(conseiller).get(reverse("members", args=[cc.slug])))
    assert "Josée Côté" in text
    assert fr("Deactivate") not in text
    assert reverse("member_import", args=[cc.slug]) not in text


def test_the_organization_page_links_the_members_page(login, executif, membre, cc):
    url = reverse("members", args=[cc.slug])
    assert url in page(login(executif).get(reverse("organization_detail", args=[cc.slug])))
    assert url not in page(login(membre).get(reverse("organization_detail", args=[cc.slug])))


def test_saving_a_row_changes_role_and_flag(login, executif, membre, cc):
    membership = membership_of(membre, cc)
    response = login(executif).post(reverse("member_update", args=[cc.slug, membership.pk]),
                                    {"role": Role.EXECUTIVE, "on_entraide_committee": "on"},
                                    follow=True)
    membership.refresh_from_db()
    assert (membership.role, membership.on_entraide_committee) == (Role.EXECUTIVE, True)
    assert fr("Saved for %(name)s.", name="Josée Côté") in page(response)


def test_the_last_executive_is_refused_with_a_message(login, executif, cc):
    membership = membership_of(executif, cc)
    response = login(executif).post(
        reverse("member_deactivate", args=[cc.slug, membership.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("members", args=[cc.slug])
    assert fr(members.LAST_EXECUTIVE) in page(response)
    assert membership_of(executif, cc).is_active


def test_an_unknown_role_is_a_400(login, executif, membre, cc):
    membership = membership_of(membre, cc)
    response = login(executif).post(reverse("member_update", args=[cc.slug, membership.pk]),
                                    {"role": "roi"})
    assert response.status_code == 400
    assert membership_of(membre, cc).role == Role.MEMBER


# The CSV import


def csv_file(text: str, encoding="utf-8", name="membres.csv"):
    return SimpleUploadedFile(name, text.encode(encoding))


def preview(login, executif, cc, upload):
    return login(executif).post(reverse("member_import", args=[cc.slug]), {"file": upload})


def statuses(response):
    return [row["status"] for row in response.context["plan"].rows]


def confirm(client, response, cc):
    token = response.context["confirm"].initial["preview"]
    return client.post(reverse("member_import_confirm", args=[cc.slug]), {"preview": token})


def test_french_headers_and_semicolons(login, executif, cc):
    upload = csv_file("Prénom;Nom;Adresse courriel;Rôle;Comité d'entraide\n"
                      "Lucie;Fortin;Lucie.Fortin@Example.org;exécutif;oui\n"
                      "Marc;Dubé;marc@example.org;Membre;non\n")
    response = preview(login, executif, cc, upload)
    assert response.status_code == 200
    assert statuses(response) == ["new_account", "new_account"]
    assert fr("New account and membership.") in page(response)

    created = confirm(login(executif), response, cc)

    assert created.status_code == 302
    lucie = User.objects.get(email="lucie.fortin@example.org")
    assert (lucie.first_name, lucie.last_name) == ("Lucie", "Fortin")
    assert not lucie.has_usable_password()
    membership = membership_of(lucie, cc)
    assert (membership.role, membership.on_entraide_committee) == (Role.EXECUTIVE, True)
    assert membership.history.get().history_user == executif
    assert membership_of(User.objects.get(email="marc@example.org"), cc).role == Role.MEMBER


def test_a_windows_1252_file_with_accents(login, executif, cc):
    upload = csv_file("Nom,Courriel,Rôle\nHélène Bérubé,helene@example.org,conseillère\n"
                      "Joël Côté,joel@example.org,membre\n", encoding="cp1252")
    response = preview(login, executif, cc, upload)
    rows = response.context["plan"].rows
    assert (rows[1]["first_name"], rows[1]["last_name"]) == ("Joël", "Côté")
    # The exécutif does not assign conseillers: that row is refused, and so is the import.
    assert statuses(response) == ["error", "new_account"]
    assert fr("Union advisers are assigned by an administrator.") in page(response)


def test_a_utf8_file_with_bom_as_excel_saves_it(login, executif, cc):
    upload = csv_file("\ufeffCourriel;Nom\nann@example.org;Ann Roy\n")
    response = preview(login, executif, cc, upload)
    assert statuses(response) == ["new_account"]
    assert response.context["plan"].rows[0]["last_name"] == "Roy"


def test_each_kind_of_wrong_row_is_named_and_nothing_is_imported(login, executif, cc):
    upload = csv_file("Nom;Courriel;Rôle;Comité d'entraide\n"
                      "A Un;pas-un-courriel;membre;\n"
                      "B Deux;b@example.org;président;\n"
                      "C Trois;c@example.org;membre;peut-être\n"
                      "D Quatre;;membre;\n"
                      "E Cinq;e@example.org;membre;\n"
                      "E Double;E@example.org;membre;\n")
    response = preview(login, executif, cc, upload)
    text = page(response)
    assert statuses(response) == ["error"] * 4 + ["new_account", "error"]
    for expected in [
        fr("« %(email)s » is not an email address.", email="pas-un-courriel"),
        fr("Unknown role « %(role)s »: exécutif, conseiller or membre.", role="président"),
        fr("« %(value)s » for the peer support committee: write oui or non.",
           value="peut-être"),
        fr("No email."), fr("Same email as line %(line)d.", line=6),
    ]:
        assert expected in text
    assert response.context["plan"].refused
    users = User.objects.count()

    refused = confirm(login(executif), response, cc)

    assert refused.status_code == 400
    assert User.objects.count() == users
    assert not Receipt.objects.exists()


def test_an_existing_member_and_an_existing_account(login, executif, membre, outsider, cc):
    User.objects.filter(pk=outsider.pk).update(first_name="Hélène", last_name="Roy")
    upload = csv_file("Nom;Courriel;Rôle\nJosée Côté;MEMBRE@example.org;\n"
                      "Quelqu'un;Outsider@Example.org;exécutif\n")
    response = preview(login, executif, cc, upload)
    text = page(response)
    assert statuses(response) == ["member", "skipped"]
    # Nothing of the account is shown: a neutral note, no name.
    assert fr(members.ACCOUNT_EXISTS) in text
    assert "Hélène" not in text and "Roy" not in text
    assert "user_id" not in response.context["plan"].rows[1]
    assert response.context["plan"].counts["skipped"] == 1
    users = User.objects.count()

    done = confirm(login(executif), response, cc)

    assert done.status_code == 302
    assert User.objects.count() == users
    # The account was not given a membership without its consent.
    assert not Membership.objects.filter(user=outsider).exists()
    assert Membership.objects.filter(user=membre).count() == 1


def test_a_preview_is_confirmed_once(login, executif, cc):
    response = preview(login, executif, cc, csv_file("Courriel\nx@example.org\n"))
    client = login(executif)
    assert confirm(client, response, cc).status_code == 302
    again = confirm(client, response, cc)
    assert again.status_code == 302
    assert User.objects.filter(email="x@example.org").count() == 1


def test_a_username_taken_gets_a_suffix(login, executif, cc):
    make_person("y@example.org")  # whose address is another one
    response = preview(login, executif, cc, csv_file("Courriel\nY@example.org\n"))
    confirm(login(executif), response, cc)
    assert User.objects.get(email="y@example.org").username == "y@example.org-2"


def rows_csv(count: int) -> str:
    return "Prénom;Nom;Courriel;Rôle\n" + "".join(
        f"Pré{n};Nom{n};personne{n}@example.org;membre\n" for n in range(count))


def not_inserts(queries) -> int:
    return sum(1 for q in queries if not q["sql"].lstrip().upper().startswith("INSERT"))


def test_2000_rows_in_a_constant_number_of_queries(login, executif, cc):
    client = login(executif)
    counted = {}
    for count in (20, 2000):
        User.objects.filter(email__startswith="personne").delete()
        with CaptureQueriesContext(connection) as previewing:
            response = preview(lambda u: client, executif, cc, csv_file(rows_csv(count)))
        assert statuses(response) == ["new_account"] * count
        with CaptureQueriesContext(connection) as creating:
            assert confirm(client, response, cc).status_code == 302
        counted[count] = (len(previewing), not_inserts(creating))
        assert Membership.objects.filter(organization=cc).count() == count + 1
        Membership.objects.filter(organization=cc).exclude(user=executif).delete()
    # Reads and writes other than the batched inserts do not grow with the rows.
    assert counted[2000] == counted[20]


def test_too_many_rows_are_refused(login, executif, cc):
    response = preview(login, executif, cc, csv_file(rows_csv(100_000)))
    assert response.status_code == 400
    assert fr("This file has more than %(max)d rows: split it into files of %(max)d people "
              "at most.", max=5000) in page(response)
    assert User.objects.count() == 1


@pytest.mark.parametrize(("content", "expected"), [
    ("Nom;Courriel\nRoy;roy@example.org\n".encode("utf-16"), members.WRONG_ENCODING),
    (b"Nom;Courriel\nRoy \x81;roy@example.org\n", members.WRONG_ENCODING),
    (b"PK\x03\x04 a spreadsheet", members.NOT_CSV),
    (b"%PDF-1.7 \x00\x01", members.NOT_CSV),
    (b"Nom;Courriel\nRoy\x07;roy@example.org\n", members.NOT_CSV),
    (b"Bonjour,\nvoici la liste.\n", members.NO_EMAIL_COLUMN),
    (b"Nom;Courriel\n", members.EMPTY),
])
def test_a_file_that_is_not_a_member_list_is_refused(login, executif, cc, content, expected):
    response = preview(login, executif, cc, SimpleUploadedFile("liste.csv", content))
    assert response.status_code == 400
    assert fr(expected) in page(response)
    assert User.objects.count() == 1


def test_a_crafted_file_is_refused_from_a_bounded_sample(login, executif, cc, monkeypatch):
    import csv

    seen = []
    real_reader = csv.reader

    def counting_reader(source, *args, **kwargs):
        seen.append(len(source.getvalue()))
        return real_reader(source, *args, **kwargs)

    def no_sniffer(*args, **kwargs):
        raise AssertionError("csv.Sniffer is not used")

    monkeypatch.setattr(members.csv, "reader", counting_reader)
    monkeypatch.setattr(members.csv, "Sniffer", no_sniffer)
    content = ('"a,' * (8 * 1024 * 1024 // 3 - 10)).encode()
    assert len(content) > 8_000_000
    response = preview(login, executif, cc, SimpleUploadedFile("liste.csv", content))

    assert response.status_code == 400
    assert fr(members.TOO_WIDE) % {"max": 50} in page(response)
    assert seen and max(seen) <= members.HEADER_SAMPLE
    assert User.objects.count() == 1


def test_a_header_row_of_two_million_cells_is_not_read_as_a_header(login, executif, cc,
                                                                   monkeypatch):
    import csv

    seen = []
    real_reader = csv.reader

    def counting_reader(source, *args, **kwargs):
        seen.append(len(source.getvalue()))
        return real_reader(source, *args, **kwargs)

    monkeypatch.setattr(members.csv, "reader", counting_reader)
    content = ("," * 2_000_000 + "Courriel\nroy@example.org\n").encode()
    response = preview(login, executif, cc, SimpleUploadedFile("liste.csv", content))

    assert response.status_code == 400
    assert fr(members.TOO_WIDE) % {"max": 50} in page(response)
    assert max(seen) <= members.HEADER_SAMPLE


def test_the_separator_is_the_one_the_first_line_holds_most_of(login, executif, cc):
    upload = csv_file("Nom\tCourriel\tRôle\nRoy, Ann\tann@example.org\tmembre\n")
    response = preview(login, executif, cc, upload)
    assert statuses(response) == ["new_account"]
    assert response.context["plan"].rows[0]["email"] == "ann@example.org"


def test_a_wide_empty_row_above_the_header_is_skipped(login, executif, cc):
    upload = csv_file("," * 80 + "\nNom,Courriel\nAnn Roy,ann@example.org\n")
    response = preview(login, executif, cc, upload)
    assert statuses(response) == ["new_account"]
    assert response.context["plan"].rows[0]["email"] == "ann@example.org"
