"""The library's public pages: the list, filtered and searched, and a document.

Filters come from links and old bookmarks: a value the library does not know
(``?nam=abc``, ``?loai=xyz``) is ignored, not an error, as on the meetings' list.
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from core.pagination import deep_pages, paginate_list
from core.text import slugify_vi
from documents import search
from documents.citations import citing_articles, citing_meetings
from documents.models import Document


def public_documents():
    return Document.objects.filter(is_public=True)


def issuer_choices():
    """(key, name) of every issuer of a public document: a unit by its slug, an
    outside body by its name's slug; one query."""
    rows = (
        public_documents()
        .values_list("issuer__slug", "issuer__name", "issuer_name")
        .distinct()
    )
    choices = {}
    for slug, unit_name, outside_name in rows:
        if slug:
            choices.setdefault(slug, unit_name)
        elif outside_name and (key := slugify_vi(outside_name)):
            choices.setdefault(key, outside_name)
    return sorted(choices.items(), key=lambda choice: choice[1])


def by_issuer(documents, key, choices):
    """Documents of the issuer ``key`` names (a unit's slug or an outside body's)."""
    name = dict(choices)[key]
    return documents.filter(issuer__slug=key) | documents.filter(
        issuer__isnull=True, issuer_name=name
    )


def chosen(request, parameter, values):
    """The value of ``?parameter=`` when it is one of ``values``, else empty.

    Compared as text: a year like "²" or thousands of digits is no year.
    """
    value = request.GET.get(parameter, "")
    return next((v for v in values if str(v) == value), "")


@require_safe
@deep_pages
def document_list(request):
    """Public documents, newest first; ``?loai=``, ``?nam=``, ``?co-quan=``,
    ``?linh-vuc=`` filter and ``?q=`` searches numbers and words."""
    documents = public_documents().select_related("issuer")
    kind = chosen(request, "loai", Document.Kind.values)
    if kind:
        documents = documents.filter(kind=kind)
    years = [d.year for d in public_documents().dates("issued_on", "year", "DESC")]
    year = chosen(request, "nam", years)
    if year:
        documents = documents.filter(issued_on__year=year)
    issuers = issuer_choices()
    issuer = chosen(request, "co-quan", [key for key, _ in issuers])
    if issuer:
        documents = by_issuer(documents, issuer, issuers)
    field = chosen(request, "linh-vuc", Document.Field.values)
    if field:
        documents = documents.filter(field=field)
    query = request.GET.get("q", "")[:200].strip()
    if query:
        documents = search.matching(documents, query)
    context = {
        "page_obj": paginate_list(request, documents, "issued_on", exact_count=True),
        "kinds": Document.Kind.choices,
        "kind": kind,
        "years": years,
        "year": year,
        "issuers": issuers,
        "issuer": issuer,
        "fields": Document.Field.choices,
        "field": field,
        "query": query,
        "filtered": bool(kind or year or issuer or field or query),
    }
    return TemplateResponse(request, "documents/document_list.html", context)


@require_safe
def document_detail(request, slug):
    """A public document: Decree 42's facts, the file, who cites it."""
    document = get_object_or_404(
        public_documents().select_related("issuer", "signer_person"), slug=slug
    )
    meetings = citing_meetings(document)
    context = {
        "document": document,
        "meetings": meetings,
        "articles": citing_articles(document, meetings),
    }
    return TemplateResponse(request, "documents/document_detail.html", context)
