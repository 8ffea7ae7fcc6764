from django.db import migrations, models


class Migration(migrations.Migration):
    """ImportReceipt becomes Receipt: every creation form uses it, not only the imports."""

    dependencies = [
        ('unionplans', '0010_demo_record'),
    ]

    operations = [
        migrations.RenameModel('ImportReceipt', 'Receipt'),
        migrations.AlterModelOptions(
            name='receipt',
            options={'verbose_name': 'submission receipt',
                     'verbose_name_plural': 'submission receipts'},
        ),
        migrations.AlterField(
            model_name='receipt',
            name='digest',
            field=models.CharField(max_length=64, unique=True, verbose_name='digest'),
        ),
    ]
