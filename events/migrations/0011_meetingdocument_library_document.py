"""A meeting's documents point to the library, which starts with them.

Every distinct number among the meetings' documents becomes one public library
document (its form, date, summary, issuer and file taken from the first row that
names it), and each row is linked to it, so "Kế hoạch số 10/KH-CĐNGT" has its page.
Going back unlinks the rows; the library documents stay, as an editor may have
completed them since.
"""

import django.db.models.deletion
from django.db import migrations, models

from documents.library import link_to_library


def link(apps, schema_editor):
    MeetingDocument = apps.get_model("events", "MeetingDocument")
    Document = apps.get_model("documents", "Document")
    rows = MeetingDocument.objects.filter(document__isnull=True).order_by("pk")
    link_to_library(rows, document_model=Document)


def unlink(apps, schema_editor):
    MeetingDocument = apps.get_model("events", "MeetingDocument")
    MeetingDocument.objects.update(document=None)


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_library'),
        ('events', '0010_processed_images'),
    ]

    operations = [
        migrations.AddField(
            model_name='meetingdocument',
            name='document',
            field=models.ForeignKey(blank=True, help_text="The official document's record in the public library.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meeting_links', to='documents.document', verbose_name='library document'),
        ),
        migrations.RunPython(link, unlink),
    ]
