"""Form pieces every app shares."""

from django import forms

from .services import EDIT_CONFLICT, version_of


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

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and cleaned_data.get("version") != self._stored_version():
            raise forms.ValidationError(EDIT_CONFLICT, code="edit_conflict")
        return cleaned_data

    def _stored_version(self) -> str:
        model = type(self.instance)
        updated_at = model._default_manager.filter(pk=self.instance.pk).values_list(
            "updated_at", flat=True
        ).first()
        return updated_at.isoformat() if updated_at else ""


def model_fields(form: forms.ModelForm) -> dict:
    """The model fields `form` shows, with their cleaned values: what an update may write."""
    names = {field.name for field in form._meta.model._meta.get_fields()}
    return {name: value for name, value in form.cleaned_data.items() if name in names}
