"""Merging two records of the same person.

Real articles name one person in several ways ("Ngô Thị Yến", "Nguyễn Thị Yến"), so
editors end up with duplicates. Merging moves everything that points at the duplicates
to the record kept, whatever app it lives in: this module finds those links through the
model's relations instead of importing the apps that depend on people.
"""

from django.db import transaction

from people.models import Person


@transaction.atomic
def merge_people(keep, duplicates):
    """Move every link of ``duplicates`` to ``keep``, then delete the duplicates.

    Foreign keys (attendances, bylines, awards, positions) are repointed; many-to-many
    links (photo tags) are added to ``keep``. Returns a dict counting what moved, by the
    related model's verbose name.
    """
    duplicates = [p for p in duplicates if p.pk != keep.pk]
    moved = {}
    for person in duplicates:
        for relation in Person._meta.related_objects:
            label = str(relation.related_model._meta.verbose_name_plural)
            if relation.many_to_many:
                through = getattr(person, relation.get_accessor_name())
                linked = list(through.all())
                getattr(keep, relation.get_accessor_name()).add(*linked)
                through.clear()
                count = len(linked)
            else:
                count = relation.related_model._default_manager.filter(
                    **{relation.field.name: person}
                ).update(**{relation.field.name: keep})
            if count:
                moved[label] = moved.get(label, 0) + count
        if not keep.honorific and person.honorific:
            keep.honorific = person.honorific
        if not keep.bio and person.bio:
            keep.bio = person.bio
        if not keep.portrait and person.portrait:
            keep.portrait = person.portrait
    _drop_repeated_positions(keep)
    keep.save()
    for person in duplicates:
        person.delete()
    return moved


def _drop_repeated_positions(person):
    seen = set()
    for position in person.positions.order_by("pk"):
        key = (
            position.title.casefold(),
            position.unit_id,
            position.start,
            position.end,
        )
        if key in seen:
            position.delete()
        else:
            seen.add(key)
