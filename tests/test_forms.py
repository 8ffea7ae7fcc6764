"""The edit-conflict guard every app's edit forms inherit."""

from unionplans.forms import EDIT_CONFLICT, VersionedModelForm
from unionplans.models import Organization


class OrganizationForm(VersionedModelForm):
    class Meta:
        model = Organization
        fields = ["name"]


def submitted(form):
    """What the browser posts back: the fields as they were shown, hidden version included."""
    return {name: form[name].value() for name in form.fields}


def test_saves_when_nobody_changed_the_row_since_it_was_shown(cc):
    shown = OrganizationForm(instance=cc)
    form = OrganizationForm({**submitted(shown), "name": "Nouveau nom"}, instance=cc)
    assert form.is_valid(), form.errors
    form.save()
    cc.refresh_from_db()
    assert cc.name == "Nouveau nom"


def test_refuses_to_overwrite_a_change_made_since_the_form_was_shown(cc):
    shown = OrganizationForm(instance=Organization.objects.get(pk=cc.pk))
    other = Organization.objects.get(pk=cc.pk)
    other.name = "Changé par quelqu'un d'autre"
    other.save()

    form = OrganizationForm({**submitted(shown), "name": "Mon changement"}, instance=cc)
    assert not form.is_valid()
    assert str(EDIT_CONFLICT) in form.non_field_errors()
    cc.refresh_from_db()
    assert cc.name == "Changé par quelqu'un d'autre"


def test_a_post_without_the_version_is_refused_too(cc):
    form = OrganizationForm({"name": "Sans version"}, instance=cc)
    assert not form.is_valid()
    assert "edit_conflict" in [e.code for e in form.non_field_errors().as_data()]


def test_a_new_object_needs_no_version(db):
    form = OrganizationForm({"name": "Nouvelle organisation"})
    assert "version" not in form.errors
