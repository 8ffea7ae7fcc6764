"""One bound on free text (`unionplans.models.LONG_TEXT`), kept by the models: forms,
the admin and the services' `full_clean()` all refuse longer text, in French."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import translation

from unionplans.models import LONG_TEXT

APPS = ["unionplans", "plans", "vpp", "entraide"]
TOO_LONG_FR = f"Assurez-vous que cette valeur comporte au plus {LONG_TEXT} caractères"


def text_fields():
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.TextField):
                    yield f"{model._meta.label}.{field.name}", field


@pytest.mark.parametrize(("name", "field"), list(text_fields()), ids=lambda value: str(value))
def test_every_text_field_is_bounded_on_the_model(name, field):
    assert field.max_length == LONG_TEXT, name
    assert any(
        isinstance(v, MaxLengthValidator) and v.limit_value == LONG_TEXT for v in field.validators
    ), name


def test_the_model_refuses_too_long_text_in_french():
    from vpp.models import Dossier

    field = Dossier._meta.get_field("description")
    field.run_validators("x" * LONG_TEXT)
    with translation.override("fr-ca"), pytest.raises(ValidationError) as error:
        field.run_validators("x" * (LONG_TEXT + 1))
    assert TOO_LONG_FR in error.value.messages[0]


def test_forms_take_maxlength_from_the_model():
    from entraide.forms import CloseYearForm, PlanHeaderForm
    from vpp.forms import FindingsForm, TaskForm

    for form, name in [(PlanHeaderForm(), "need"), (PlanHeaderForm(), "expected_results"),
                       (CloseYearForm(), "review"), (FindingsForm(), "findings"),
                       (TaskForm(), "description")]:
        assert form.fields[name].widget.attrs["maxlength"] == str(LONG_TEXT), name


def test_questionnaire_answers_are_bounded_too():
    from vpp.constants import QUESTIONS, Questionnaire
    from vpp.forms import QuestionnaireForm
    from vpp.models import QuestionnaireAnswers

    kind = Questionnaire.PRE_DIAGNOSTIC
    key = QUESTIONS[kind][0][0]
    form = QuestionnaireForm(kind=kind)
    assert form.fields[f"q_{key}"].widget.attrs["maxlength"] == str(LONG_TEXT)
    answers = QuestionnaireAnswers(kind=kind, answers={key: "x" * (LONG_TEXT + 1)})
    with translation.override("fr-ca"), pytest.raises(ValidationError) as error:
        answers.clean()
    assert TOO_LONG_FR in error.value.message_dict["answers"][0]
    QuestionnaireAnswers(kind=kind, answers={key: "x" * LONG_TEXT}).clean()


LIMIT_NOTE_FR = "10\xa0000 caractères au plus."


def test_forms_say_the_limit_under_long_text():
    from entraide.forms import CloseYearForm, PlanHeaderForm
    from vpp.forms import FindingsForm, TaskForm

    with translation.override("fr-ca"):
        for form, name in [(PlanHeaderForm(), "need"), (CloseYearForm(), "review"),
                           (FindingsForm(), "findings"), (TaskForm(), "description")]:
            assert LIMIT_NOTE_FR in str(form.fields[name].help_text), name
            assert LIMIT_NOTE_FR in str(form[name].help_text), name


def test_the_admin_says_the_limit_and_refuses_longer_text(rf, superuser, cc):
    from django.contrib import admin as django_admin

    from vpp.models import Dossier

    request = rf.get("/admin/")
    request.user = superuser
    model_admin = django_admin.site._registry[Dossier]
    form_class = model_admin.get_form(request)
    with translation.override("fr-ca"):
        assert LIMIT_NOTE_FR in str(form_class.base_fields["description"].help_text)
        form = form_class(data={"description": "x" * (LONG_TEXT + 1), "organization": cc.pk})
        assert not form.is_valid()
        assert TOO_LONG_FR in form.errors["description"][0]
    assert not Dossier.objects.exists()


# Uploads: a size limit checked while the request is read, before any view reads a file


def test_every_upload_goes_through_the_size_limit_first(settings):
    assert settings.FILE_UPLOAD_HANDLERS[0] == "unionplans.importing.LimitedUploadHandler"


def test_a_too_large_member_list_is_413_in_french_and_imports_nobody(login, executif, cc):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from unionplans.importing import MAX_UPLOAD

    people = get_user_model().objects.count()
    big = SimpleUploadedFile("membres.csv", b"Nom;Courriel\n" + b"x" * MAX_UPLOAD,
                             content_type="text/csv")
    response = login(executif).post(reverse("member_import", args=[cc.slug]), {"file": big})
    assert response.status_code == 413
    assert "Ce fichier est trop volumineux" in response.content.decode()
    assert get_user_model().objects.count() == people
