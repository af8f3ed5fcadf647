"""Bringing a meeting's documents into the library.

A meeting lists the documents it was held under ("Kế hoạch số 10/KH-CĐNGT ngày
17/01/2024"); the library keeps each of them once, by its number, so the same plan
named by two meetings is one page. The data migration that built the library from
the existing meetings and the demo's loader both call ``link_to_library``; the
migration passes its historical models, so nothing here relies on a model's own
``save``.
"""

from documents.models import Document, fill_derived_fields

# A meeting document's form (events.MeetingDocument.Kind) → the library's. A work
# programme has no form of its own in the library.
KINDS = {
    "plan": Document.Kind.PLAN,
    "decision": Document.Kind.DECISION,
    "resolution": Document.Kind.RESOLUTION,
    "official_letter": Document.Kind.OFFICIAL_LETTER,
    "notice": Document.Kind.NOTICE,
    "report": Document.Kind.REPORT,
}


def link_to_library(meeting_documents, document_model=Document, public=True):
    """Point each of ``meeting_documents`` not yet linked at the library's document
    of the same number, creating it from the first row that names it.

    Returns the number of library documents created. ``document_model`` is the
    ``Document`` class to use (a migration's historical one); ``public=False``
    keeps new ones internal (an import's, until an editor has checked them).
    """
    by_number = {}
    created = 0
    for row in meeting_documents:
        if row.document_id is not None:
            continue
        number = " ".join(row.number.split())
        document = by_number.get(number)
        if document is None:
            document = document_model._default_manager.filter(number=number).first()
        if document is None:
            document = new_document(row, number, document_model, public)
            created += 1
        by_number[number] = document
        row.document = document
        row.save(update_fields=["document"])
    return created


def new_document(row, number, document_model, public=True):
    """A library document with the meeting document's facts and file."""
    document = document_model(
        kind=KINDS.get(row.kind, Document.Kind.OTHER),
        number=number,
        title=row.title or number,
        issuer_id=row.issuer_id,
        issued_on=row.date,
        is_public=public,
    )
    if row.file:
        # The same stored file: the meeting's line and the library offer one copy.
        document.file = row.file.name
        document.file_size = stored_size(row.file)
    fill_derived_fields(document)
    document.save()
    return document


def stored_size(field_file):
    """The file's size in storage, or None when it is missing there."""
    try:
        return field_file.storage.size(field_file.name)
    except (OSError, NotImplementedError):
        return None


def add_cited(kind, number, date, title="", issuer=None):
    """The library's document ``number``, made internal from what an imported text
    says of it when the library does not have it yet; ``(document, created)``."""
    number = " ".join(number.split())
    document = Document.objects.filter(number=number).first()
    if document is not None:
        return document, False
    document = Document(
        kind=KINDS.get(kind, Document.Kind.OTHER),
        number=number,
        title=title or number,
        issuer=issuer,
        issued_on=date,
        is_public=False,
    )
    fill_derived_fields(document)
    document.save()
    return document, True
