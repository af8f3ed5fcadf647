from django.db import migrations

# What is known for certain of the college: its name and its province. The rest
# (street address, phone, e-mail, office hours, map, the person responsible for
# the content) is left empty for the office to fill in: the admin lists what is
# still missing, and the public pages leave an empty detail out.
ADDRESS = "Trường Cao đẳng Ngô Gia Tự Bắc Giang, tỉnh Bắc Giang"
ADDRESS_EN = "Ngo Gia Tu College, Bac Giang, Bac Giang province, Viet Nam"


def create_office(apps, schema_editor):
    Office = apps.get_model("contact", "Office")
    Office.objects.get_or_create(
        pk=1, defaults={"address": ADDRESS, "address_en": ADDRESS_EN}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0002_editor_permissions"),
        # Not needed by this migration: it makes a fresh database apply the meetings'
        # own permissions (events 0007) before the first sync of the roles (news
        # 0005, which reads today's list of roles), which the dependency of 0002 on
        # news would otherwise bring forward.
        ("events", "0007_own_rights_and_search_text"),
    ]

    operations = [migrations.RunPython(create_office, migrations.RunPython.noop)]
