"""Checkbox lists (many-to-many fields) that answer a form error, never a 500, for any id."""

from django import forms
from django.db import models
from django.utils.translation import pgettext_lazy

# What a 64-bit integer column can hold: a larger id cannot name any row.
ID_RANGE = range(-(2**63), 2**63)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A checkbox list that refuses an id no row can have with its usual "Select a valid
    choice" error, instead of the OverflowError SQLite raises on querying it.

    Every many-to-many field of the pages' forms (`field_classes`) and of the admin
    (`formfield_for_manytomany`) is one.
    """

    def _check_values(self, value):
        key = self.queryset.model._meta.get_field(self.to_field_name) if self.to_field_name \
            else self.queryset.model._meta.pk
        if isinstance(key, models.IntegerField):  # the auto fields are integer fields too
            for pk in value:
                try:
                    number = int(str(pk).strip())
                except ValueError:
                    continue  # not a number: Django's own check refuses it
                if number not in ID_RANGE:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)


class SafeChoicesMixin:
    """For a ModelAdmin: its many-to-many fields are SafeModelMultipleChoiceField."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


DASHES = "---------"  # Django's empty choice, which reads as nothing to anyone

# A select's empty choice in words (the filters' « (all) » is FILTERS_EMPTY_CHOICE_LABEL).
CHOOSE = pgettext_lazy("empty choice", "(choose)")
NONE = pgettext_lazy("empty choice", "(none)")


def name_empty_choice(field):
    """Give a select's empty choice words: « (choose) » when an answer is required, else
    « (none) », instead of Django's `---------`. Returns the field."""
    label = CHOOSE if field is not None and field.required else NONE
    if isinstance(field, forms.ModelChoiceField):
        # Never its choices: reading them here would query every list of people twice.
        if field.empty_label == DASHES:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.MultipleChoiceField):
        choices = list(field.choices)
        if any(value == "" and str(text) == DASHES for value, text in choices):
            field.choices = [(value, label if value == "" and str(text) == DASHES else text)
                             for value, text in choices]
    return field


def name_empty_choices(form) -> None:
    for field in form.fields.values():
        name_empty_choice(field)
