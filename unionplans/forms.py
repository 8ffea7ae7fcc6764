"""Form pieces every app shares."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import name_empty_choices
from .importing import open_docx
from .services import EDIT_CONFLICT, version_of


def _limit_note(limit: int) -> str:
    return gettext("%(max)s characters at most.") % {
        "max": number_format(limit, force_grouping=True)}


limit_note = lazy(_limit_note, str)


def say_limit(formfield):
    """A long text's form field says its limit under it (« 10 000 caractères au plus. »),
    as its `maxlength` keeps it; the model's validator refuses longer text whatever the
    form. Used by the app's forms and the admin's."""
    limit = getattr(formfield, "max_length", None)
    if isinstance(formfield, forms.CharField) and limit and isinstance(formfield.widget,
                                                                       forms.Textarea):
        note = limit_note(limit)
        formfield.help_text = format_lazy("{} {}", formfield.help_text, note) \
            if formfield.help_text else note
    return formfield


class VersionedModelForm(forms.ModelForm):
    """Refuses to save over a change made by someone else since the form was shown.

    The model needs an `updated_at` field with `auto_now=True`. The form carries the
    version it was shown with; if the row changed since, `clean()` raises EDIT_CONFLICT
    instead of silently overwriting the other person's work.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = version_of(self.instance)
        name_empty_choices(self)
        for field in self.fields.values():
            say_limit(field)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and cleaned_data.get("version") != self._stored_version():
            raise forms.ValidationError(EDIT_CONFLICT, code="edit_conflict")
        return cleaned_data

    def _stored_version(self) -> str:
        return stored_version(self.instance)


class VersionedForm(forms.Form):
    """A button's form (a move, a state) that carries the version of the row it was shown
    with: the service refuses the move with EDIT_CONFLICT if the row changed since.

    Optional: a post without it (an old page, a script) is checked against nothing, as the
    admin's actions are; the services still lock the row and read its state again.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["version"].initial = version_of(instance)

    @property
    def posted_version(self) -> str | None:
        """The posted version, None when none was posted."""
        return self.cleaned_data.get("version") or None


def stored_version(instance) -> str:
    """The version of `instance` as the database holds it now."""
    updated_at = type(instance)._default_manager.filter(pk=instance.pk).values_list(
        "updated_at", flat=True
    ).first()
    return updated_at.isoformat() if updated_at else ""


class AdminVersionCheckForm(forms.ModelForm):
    """The admin's change forms: refused with EDIT_CONFLICT when the row changed since the
    page was shown, as the app's forms are. The page posts the version it was shown with
    as `_version` (templates/admin/change_form.html)."""

    def clean(self):
        cleaned_data = super().clean()
        posted = self.data.get("_version")
        if (self.instance.pk and posted is not None and hasattr(self.instance, "updated_at")
                and posted != stored_version(self.instance)):
            raise forms.ValidationError(EDIT_CONFLICT, code="edit_conflict")
        return cleaned_data


def model_fields(form: forms.ModelForm) -> dict:
    """The model fields `form` shows, with their cleaned values: what an update may write."""
    names = {field.name for field in form._meta.model._meta.get_fields()}
    return {name: value for name, value in form.cleaned_data.items() if name in names}


class WordUploadForm(forms.Form):
    """A .docx to import; `document` is the opened python-docx Document once valid."""

    file = forms.FileField(
        label=_("Word document (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = None
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Preview the import")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.document = open_docx(upload)
        return upload


class ImportConfirmForm(forms.Form):
    """Carries the signed preview from the upload to the confirmation (no file is kept)."""

    preview = forms.CharField(widget=forms.HiddenInput)


class SharingForm(forms.Form):
    """What an affiliate shares with the body it is affiliated to."""

    shares_plans = forms.BooleanField(
        label=_("Share our published plans de travail"), required=False)
    shares_dossiers = forms.BooleanField(
        label=_("Share our VPP dossiers (read only)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))
