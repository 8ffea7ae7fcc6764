"""One account per email address, whatever its case (see unionplans.accounts.email_taken).

A partial unique index on LOWER(email): blank addresses stay allowed on any number of
accounts. The same SQL is valid on SQLite and PostgreSQL.
"""

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower


def refuse_duplicates(apps, schema_editor):
    """Name the addresses shared by several accounts rather than fail on the index."""
    User = apps.get_model("auth", "User")
    shared = (
        User.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(accounts=Count("id"))
        .filter(accounts__gt=1)
        .values_list("address", flat=True)
    )
    if shared:
        raise RuntimeError(
            "Several accounts share these email addresses (case ignored); give each its own "
            "or blank it, then migrate again: " + ", ".join(sorted(shared))
        )


class Migration(migrations.Migration):

    dependencies = [
        ("unionplans", "0004_people"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX unionplans_user_email_ci ON auth_user (LOWER(email)) "
            "WHERE email <> ''",
            reverse_sql="DROP INDEX unionplans_user_email_ci",
        ),
    ]
