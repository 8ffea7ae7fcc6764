"""Importing a plan de travail from Word: the reader, the preview, the confirmation."""

import datetime
import io
import zipfile

import docx
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from plans import services
from plans.import_views import PLAN_IMPORT
from plans.imports import read_plan, read_step
from plans.models import Action, FollowUp, Orientation, StatutoryFile, Step, WorkPlan
from tests.documents import _action, _document, _orientation, _saved, _table, seed_004_docx
from tests.helpers import page
from unionplans.importing import MAX_UPLOAD, sign_preview
from unionplans.models import Receipt
from unionplans.once import create_once

pytestmark = pytest.mark.django_db


def read(content: bytes) -> dict:
    return read_plan(docx.Document(io.BytesIO(content)))


def actions_of(data):
    return [action for orientation in data["orientations"] for action in orientation["actions"]]


@pytest.fixture(scope="module")
def seed():
    return read(seed_004_docx())


# The reader


def test_the_title_before_the_table_gives_the_plan_and_its_mandate(seed):
    assert seed["title"] == "Plan de travail 2019-2022"
    assert (seed["mandate_start"], seed["mandate_end"]) == ("2019-06-01", "2022-06-30")


def test_orientation_rows_numbered_lettered_and_unnumbered(seed):
    first, second, special = seed["orientations"]
    assert first["numbered"] and first["statement"].startswith("Le CCSNE développe")
    assert second["statement"] == ""
    assert second["sub_statements"] == ["Le CCSNE stimule et soutient les syndicats.",
                                        "Le CCSNE organise des événements."]
    assert (special["numbered"], special["title"]) == (False, "Dossier spécial")
    assert [o["source"] for o in seed["orientations"]] == [
        "Tableau 1, ligne 2", "Tableau 1, ligne 6", "Tableau 2, ligne 3"]


def test_actions_lose_their_number_and_keep_who(seed):
    assert [(a["what"][:25], a["responsible"]) for a in actions_of(seed)] == [
        ("Créer une unité de mobili", "Denis"),
        ("Mettre en place une salle", "Julie"),
        ("Valoriser les différents ", "Denis"),
        ("Pandémie : maintenir les ", "Exécutif"),
    ]


def test_steps_split_at_line_breaks_with_their_dates(seed):
    steps = actions_of(seed)[0]["steps"]
    assert [(s["when_kind"], s["when_date"]) for s in steps] == [
        ("month", "2019-12-01"), ("month", "2020-03-01"), ("month", "2020-06-01")]
    # Only the last parentheses are the date; the others are the step's own words.
    assert steps[2]["text"].endswith("(communication, rencontres, etc.)")


@pytest.mark.parametrize(("text", "kind", "date", "label"), [
    ("Définir le mandat (décembre 2019)", "month", "2019-12-01", ""),
    ("Soumettre le plan (2 juin 2020)", "date", "2020-06-02", ""),
    ("Souligner la journée (1er mai 2021)", "date", "2021-05-01", ""),
    ("Offrir des formations (reste du mandat)", "label", "", "reste du mandat"),
    ("Analyser (mandat complet)", "label", "", "mandat complet"),
    ("Adapter (2020-2022)", "label", "", "2020-2022"),
    ("Inventorier (hiver-printemps 2020)", "label", "", "hiver-printemps 2020"),
    ("Développer les outils (communication, rencontres, etc.)", "none", "", ""),
    ("Sans date", "none", "", ""),
])
def test_a_step_s_date_in_parentheses(text, kind, date, label):
    step = read_step(text)
    assert (step["when_kind"], step["when_date"], step["when_label"]) == (kind, date, label)
    assert step["doubts"] == []


@pytest.mark.parametrize("text", ["Faire (fin décembre 2019)", "Faire (décembre)",
                                  "Faire (31 février 2020)"])
def test_a_date_that_cannot_be_read_is_kept_as_a_label_and_flagged(text):
    step = read_step(text)
    assert step["when_kind"] == Step.When.LABEL
    assert step["when_label"] == text[text.index("(") + 1:-1]
    assert len(step["doubts"]) == 1


def test_follow_ups_take_the_date_written_in_them_and_nest_sub_bullets(seed):
    first, _salle, valoriser, _pandemie = actions_of(seed)
    assert [f["date"] for f in first["follow_ups"]] == ["", "2020-02-28"]
    photo = valoriser["follow_ups"][0]["text"].splitlines()
    assert photo == ["Nouveau point à l'ODJ des AG : photo de famille",
                     "◦ AG 28 février 2020 : Josée Lemieux, technicienne",
                     "◦ AG 28 avril 2022 : Myriam Nadeau, SANC"]


def test_a_row_cut_by_a_page_break_continues_the_action_above(seed):
    valoriser = actions_of(seed)[2]
    assert [f["text"][:9] for f in valoriser["follow_ups"]] == [
        "Nouveau p", "Capsule 1", "Capsule 2"]
    assert valoriser["outcome"] == Action.Outcome.IN_PROGRESS


def test_the_underlined_sentence_is_the_outcome_not_a_follow_up(seed):
    _first, salle, _valoriser, pandemie = actions_of(seed)
    assert salle["outcome_text"].startswith("La promotion de la salle")
    assert all("promotion" not in f["text"] for f in salle["follow_ups"])
    # The app's own sentence for an outcome and its reason is stored as both.
    assert (pandemie["outcome"], pandemie["outcome_reason"], pandemie["outcome_text"]) == (
        Action.Outcome.NOT_DONE, "pandémie", "")


def test_an_outcome_line_under_quoi_wins_over_the_sentence():
    document = docx.Document(io.BytesIO(seed_004_docx()))
    what = document.tables[0].rows[4].cells[0]  # 1.3, whose sentence names no outcome
    what.add_paragraph("Résultat : Partiellement réalisée")
    data = read_plan(document)
    salle = actions_of(data)[1]
    assert salle["what"] == "Mettre en place une salle d'enregistrement au CCSNE"
    assert salle["outcome"] == Action.Outcome.PARTLY_DONE
    assert salle["outcome_text"].startswith("La promotion de la salle")
    assert salle["doubts"] == []


def test_the_lists_after_the_table(seed):
    assert [i["name"] for i in seed["statutory_files"]] == [
        "Santé et sécurité", "Immigration", "Fondation", "Leucan"]
    assert [i["name"] for i in seed["delegations"]] == [
        "Centraide", "SPE (Solidarité populaire Estrie)"]
    assert seed["skipped"] == []


@pytest.mark.parametrize("header", [
    ("Quoi ?", "Comment et quand ?", "Qui ?", "Suivi"),
    ("QUOI", "COMMENT / QUAND", "QUI", "SUIVIS"),
    ("quoi", "Comment", "Responsable", "suivi"),
])
def test_headers_are_matched_by_meaning(header):
    data = read(seed_004_docx(header=header))
    assert [len(o["actions"]) for o in data["orientations"]] == [2, 1, 1]
    assert actions_of(data)[0]["responsible"] == "Denis"


def test_a_document_without_the_plan_s_columns_is_refused():
    with pytest.raises(ValidationError) as refused:
        read(seed_004_docx(header=("Colonne", "Autre", "Encore", "Fin")))
    assert refused.value.code == "no_header"
    assert "QUOI" in refused.value.messages[0]


# The pages


@pytest.fixture
def url(cc):
    return f"/o/{cc.slug}/plans/importer/"


def upload(client, url, content, name="plan.docx"):
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_upload_shows_the_preview_and_saves_nothing(login, executif, url):
    response = upload(login(executif), url, seed_004_docx())
    text = page(response)
    assert response.status_code == 200
    assert "Créer une unité de mobilisation" in text
    assert "Tableau 2, ligne 4" in text  # each row's source
    assert "4 actions" in text
    assert WorkPlan.objects.count() == 0


def test_confirm_creates_a_draft_with_everything_and_its_history(login, executif, cc, url):
    client = login(executif)
    preview = page(upload(client, url, seed_004_docx()))
    token = preview.split('name="preview" value="')[1].split('"')[0]
    response = client.post(f"{url}confirmer/", {
        "preview": token, "title": "Plan de travail 2019-2022",
        "mandate_start": "2019-06-01", "mandate_end": "2022-06-30"})
    plan = WorkPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/o/{cc.slug}/plans/{plan.pk}/"
    assert (plan.state, plan.organization) == (WorkPlan.State.DRAFT, cc)
    assert plan.orientations.count() == 3
    assert Action.objects.filter(orientation__plan=plan).count() == 4
    assert Step.objects.filter(action__orientation__plan=plan).count() == 8
    follow_ups = FollowUp.objects.filter(action__orientation__plan=plan)
    assert follow_ups.count() == 6
    assert {f.author for f in follow_ups} == {executif}
    assert follow_ups.get(date=datetime.date(2020, 2, 28)).text.startswith("Présentation")
    assert plan.statutory_files.count() == 4 and plan.delegations.count() == 2
    assert Orientation.history.filter(plan_id=plan.pk, history_user=executif).count() == 3


@pytest.mark.parametrize("change", ["tampered", "other_person"])
def test_a_changed_or_foreign_preview_is_refused(login, executif, cc, url, change):
    data = read(seed_004_docx())
    salt = PLAN_IMPORT.salt(cc, executif)
    token = sign_preview(data, salt if change == "tampered" else "plans.import.v1:0:0")
    if change == "tampered":
        token = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    response = login(executif).post(f"{url}confirmer/", {
        "preview": token, "title": "x", "mandate_start": "2019-06-01",
        "mandate_end": "2022-06-30"})
    assert response.status_code == 400
    assert "Cet aperçu a expiré" in page(response)
    assert WorkPlan.objects.count() == 0


def broken_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
        archive.writestr("[Content_Types].xml", "<nope/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "status", "message"), [
    (b"QUOI;COMMENT;QUI;SUIVI\n", 400, "n'est pas un document Word"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 400, "protégé par un mot de passe"),
    (b"PK\x03\x04 not really a zip", 400, "endommagé"),
    (broken_zip(), 400, "endommagé"),
    (seed_004_docx(header=("A", "B", "C", "D")), 400, "Aucun tableau"),
    (b"PK" + b"\0" * (MAX_UPLOAD + 1), 413, "trop volumineux"),
])
def test_a_bad_file_gets_a_french_message_and_nothing_is_created(
    login, executif, url, content, status, message
):
    response = upload(login(executif), url, content)
    assert response.status_code == status
    assert message in page(response)
    assert WorkPlan.objects.count() == 0


# The service


def test_the_service_refuses_a_text_too_long_and_creates_nothing(cc, executif):
    data = read(seed_004_docx())
    actions_of(data)[0]["steps"][0]["text"] = "x" * 10_001
    with pytest.raises(ValidationError) as refused:
        services.plan_import(organization=cc, data=data, title="Plan", by=executif,
                             mandate_start=datetime.date(2019, 6, 1),
                             mandate_end=datetime.date(2022, 6, 30))
    assert "Tableau 1, ligne 3" in refused.value.messages[0]
    assert WorkPlan.objects.count() == Step.objects.count() == 0


def test_a_step_outside_the_mandate_keeps_its_date_as_a_label(cc, executif):
    data = read(seed_004_docx())
    plan = services.plan_import(organization=cc, data=data, title="Plan", by=executif,
                                mandate_start=datetime.date(2020, 1, 1),
                                mandate_end=datetime.date(2022, 6, 30))
    step = Step.objects.get(action__orientation__plan=plan, text__startswith="Définir")
    assert (step.when_kind, step.when_label, step.when_date) == (
        Step.When.LABEL, "décembre 2019", None)


def many_actions(data: dict, count: int) -> dict:
    """The seed's first action repeated `count` times, each with six follow-ups."""
    action = actions_of(data)[0]
    action = {**action, "follow_ups": action["follow_ups"] * 3}
    orientation = {**data["orientations"][0], "actions": [action] * count}
    return {**data, "orientations": [orientation]}


def test_the_import_costs_the_same_queries_for_4_or_10_actions(cc, executif):
    """Rows are inserted in bulk. (Both sizes fit one batch even on SQLite, whose queries
    hold at most 999 parameters; `make bench` imports 50 actions.)"""
    data = read(seed_004_docx())
    counts = []
    for size in (4, 10):
        with CaptureQueriesContext(connection) as queries:
            services.plan_import(organization=cc, data=many_actions(data, size), by=executif,
                                 title=f"Plan {size}", mandate_start=datetime.date(2019, 6, 1),
                                 mandate_end=datetime.date(2022, 6, 30))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Action.objects.filter(orientation__plan__title="Plan 10").count() == 10


# What Word documents hold beyond plain runs, and what a hostile one holds


def with_xml(content: bytes, change) -> bytes:
    """The document after `change(document)` edits its XML."""
    document = docx.Document(io.BytesIO(content))
    change(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def first_follow_up_paragraph(document):
    return document.tables[0].rows[2].cells[3].paragraphs[0]


def test_text_inside_a_hyperlink_or_a_tracked_insertion_is_read_and_deleted_text_is_not():
    from docx.oxml import parse_xml

    def change(document):
        p = first_follow_up_paragraph(document)._p
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        p.append(parse_xml(f'<w:hyperlink {ns}><w:r><w:t xml:space="preserve"> voir le site'
                           '</w:t></w:r></w:hyperlink>'))
        p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="x"><w:r><w:t xml:space="preserve">'
                           ' et le compte rendu</w:t></w:r></w:ins>'))
        p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="x"><w:r><w:delText>EFFACÉ'
                           '</w:delText></w:r></w:del>'))

    data = read(with_xml(seed_004_docx(), change))
    assert actions_of(data)[0]["follow_ups"][0]["text"] == (
        "Travail préparatoire effectué, comité préliminaire assemblé voir le site et le "
        "compte rendu")


@pytest.mark.parametrize(("element", "attribute", "value"), [
    ("tcPr/w:gridSpan", "val", "x"),
    ("trPr/w:gridBefore", "val", "two"),
    ("pPr/w:ind", "left", "abc"),
])
def test_an_attribute_word_would_not_write_is_a_damaged_document_not_a_500(
    login, executif, url, element, attribute, value
):
    from docx.oxml import OxmlElement

    def change(document):
        row = document.tables[0].rows[2]
        parent_tag, tag = element.split("/")
        if parent_tag == "tcPr":
            parent = row.cells[1]._tc.get_or_add_tcPr()
        elif parent_tag == "trPr":
            parent = row._tr.get_or_add_trPr()
        else:
            parent = first_follow_up_paragraph(document)._p.get_or_add_pPr()
        node = OxmlElement(tag)
        node.set(f"{W}{attribute}", value)
        parent.append(node)

    response = upload(login(executif), url, with_xml(seed_004_docx(), change))
    assert response.status_code == 400
    assert "endommagé" in page(response)
    assert WorkPlan.objects.count() == 0


def test_a_document_with_more_rows_than_a_plan_has_is_refused(monkeypatch, login, executif, url):
    monkeypatch.setattr("unionplans.importing.MAX_ROWS", 10)
    response = upload(login(executif), url, seed_004_docx())
    assert response.status_code == 400
    assert "plus de 10 lignes" in page(response)


def test_a_document_whose_text_unzips_past_the_limit_is_refused(login, executif, url):
    """A zip bomb: 150 kB that would unzip into megabytes of XML to parse."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed_004_docx())) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (11 * 1024 * 1024))
            bomb.writestr(item, data)
    content = buffer.getvalue()
    assert len(content) < 200_000
    response = upload(login(executif), url, content)
    assert response.status_code == 400
    assert "trop volumineux" in page(response)


def test_several_files_of_one_request_count_together(login, executif, url):
    half = b"PK" + b"\0" * (MAX_UPLOAD // 2 + 1)
    response = login(executif).post(url, {
        "file": [SimpleUploadedFile("a.docx", half), SimpleUploadedFile("b.docx", half)]})
    assert response.status_code == 413
    assert WorkPlan.objects.count() == 0


def test_the_preview_numbers_as_the_plan_will_and_shows_each_outcome(login, executif, url):
    text = page(upload(login(executif), url, seed_004_docx()))
    assert "<strong>2.1</strong> Valoriser" in text
    assert "Non réalisée (pandémie)" in text
    assert "En cours" in text


# Once only, versioned previews, and what the service would refuse shown in the preview


def confirmation(token: str) -> dict:
    return {"preview": token, "title": "Plan de travail 2019-2022",
            "mandate_start": "2019-06-01", "mandate_end": "2022-06-30"}


def french(msgid: str) -> str:
    with translation.override("fr-ca"):
        return gettext(msgid)


def test_a_preview_confirmed_twice_creates_one_plan_and_leads_to_it(login, executif, cc, url):
    client = login(executif)
    token = upload(client, url, seed_004_docx()).context["confirm"].initial["preview"]
    first = client.post(f"{url}confirmer/", confirmation(token))
    second = client.post(f"{url}confirmer/", confirmation(token))  # double click, back button
    plan = WorkPlan.objects.get()
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == f"/o/{cc.slug}/plans/{plan.pk}/"
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] == french(
        "This import was already done: here is the plan.")
    assert Action.objects.count() == 4
    assert Receipt.objects.get().url == f"/o/{cc.slug}/plans/{plan.pk}/"


def test_create_once_runs_the_creation_once_per_preview(cc):
    created = []

    def create():
        created.append(1)
        return "/the/plan/", "Imported."

    assert create_once("token", cc, create) == ("/the/plan/", "Imported.", True)
    assert create_once("token", cc, create) == (
        "/the/plan/", str(gettext("This import was already done: here is the plan.")), False)
    assert created == [1]


def test_a_refused_creation_leaves_no_receipt_and_can_be_confirmed_again(cc):
    def refused():
        raise ValidationError("No.")

    with pytest.raises(ValidationError):
        create_once("token", cc, refused)
    assert Receipt.objects.count() == 0
    assert create_once("token", cc, lambda: ("/p/", "Imported."))[2] is True


@pytest.mark.parametrize("change", ["unversioned_salt", "missing_key", "missing_action_key"])
def test_a_preview_of_another_version_is_refused_as_expired(login, executif, cc, url, change):
    data = read(seed_004_docx())
    salt = PLAN_IMPORT.salt(cc, executif)
    if change == "unversioned_salt":  # signed before the salt had a version
        salt = f"plans.import:{cc.pk}:{executif.pk}"
    elif change == "missing_key":
        del data["delegations"]
    else:
        del actions_of(data)[0]["steps"]
    response = login(executif).post(f"{url}confirmer/",
                                    confirmation(sign_preview(data, salt)))
    assert response.status_code == 400
    assert french("This preview has expired or was changed: upload the file again.") in page(
        response)
    assert WorkPlan.objects.count() == Receipt.objects.count() == 0


NOTHING = "There is nothing to import in this table: no orientation and no action were read in it."


def header_only_docx() -> bytes:
    document = _document()
    document.add_paragraph("Plan de travail 2019-2022")
    _table(document)
    return _saved(document)


def test_a_table_with_only_its_header_is_refused(login, executif, cc, url):
    client = login(executif)
    response = upload(client, url, header_only_docx())
    assert response.status_code == 200
    assert response.context["errors"] == [french(NOTHING)]
    assert 'name="preview"' not in response.content.decode()  # no confirmation offered
    token = sign_preview(read(header_only_docx()), PLAN_IMPORT.salt(cc, executif))
    response = client.post(f"{url}confirmer/", confirmation(token))
    assert response.status_code == 400
    assert french(NOTHING) in page(response)
    assert WorkPlan.objects.count() == Receipt.objects.count() == 0


def test_the_service_refuses_a_table_with_only_its_header(cc):
    with pytest.raises(ValidationError) as refused:
        services.plan_import(organization=cc, data=read(header_only_docx()), title="Plan",
                             mandate_start=datetime.date(2019, 6, 1),
                             mandate_end=datetime.date(2022, 6, 30))
    assert refused.value.messages == [french(NOTHING)]
    assert WorkPlan.objects.count() == 0


def test_an_action_without_its_quoi_is_shown_refused_in_the_preview(login, executif, url):
    document = _document()
    document.add_paragraph("Plan de travail 2019-2022")
    table = _table(document)
    _orientation(table, "1. Le CCSNE développe la solidarité.")
    _action(table, "1.1", ["- Définir le mandat (décembre 2019)"], "Denis", [])  # no text
    response = upload(login(executif), url, _saved(document))
    assert response.status_code == 200
    [error] = response.context["errors"]
    assert error.startswith("Tableau 1, ligne 3 : ")
    assert 'name="preview"' not in response.content.decode()
    assert WorkPlan.objects.count() == 0


def test_the_problems_are_the_services_messages(cc, executif):
    data = read(seed_004_docx())
    data["statutory_files"][1]["name"] = "x" * 301
    fields = {"title": "Plan", "mandate_start": datetime.date(2019, 6, 1),
              "mandate_end": datetime.date(2022, 6, 30)}
    problems = services.plan_import_problems(organization=cc, data=data, **fields)
    assert [problem.source for problem in problems] == [
        f"{capfirst(StatutoryFile._meta.verbose_name)} 2"]
    with pytest.raises(ValidationError) as refused:
        services.plan_import(organization=cc, data=data, by=executif, **fields)
    assert refused.value.messages == [str(problem) for problem in problems]
    assert WorkPlan.objects.count() == 0


def test_a_preview_the_service_refuses_offers_no_confirmation(login, executif, cc, url):
    data = read(seed_004_docx())
    data["statutory_files"][1]["name"] = "x" * 301
    token = sign_preview(data, PLAN_IMPORT.salt(cc, executif))
    response = login(executif).post(f"{url}confirmer/", confirmation(token))
    assert response.status_code == 400
    [error] = response.context["errors"]
    assert error.startswith(f"{capfirst(StatutoryFile._meta.verbose_name)} 2 : ")
    assert "300" in error
    assert 'name="preview"' not in response.content.decode()
    assert WorkPlan.objects.count() == Receipt.objects.count() == 0
