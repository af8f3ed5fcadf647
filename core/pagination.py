"""Small pieces every public page uses: pagination that never fails.

``paginate`` numbers every page. ``paginate_list`` is for the lists that grow
without end (articles, meetings, documents): pages 1 to ``PAGE_BOUND`` are
numbered, and past them a reader steps "older" and "newer" with a keyset cursor,
the ordering date and the id of the last (or first) item shown. A numbered page
costs at most ``PAGE_BOUND`` pages of rows skipped; a cursor page, at any depth,
one index range scan. Crawlers see ``PAGE_BOUND`` numbered pages and, past them,
pages marked ``noindex, follow`` (``deep_pages``).
"""

import datetime
import re
from functools import wraps

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Q
from django.http import HttpResponseRedirect
from django.utils.functional import cached_property

PER_PAGE = 12
# The last numbered page of a list; past it, "older" and "newer" cursors.
PAGE_BOUND = 50
# ?sau=<cursor>: the items after it in the list (older); ?truoc=<cursor>: before
# it (newer). Both are in PAGE_CACHE_QUERY_PARAMETERS.
AFTER = "sau"
BEFORE = "truoc"
# What a cursor looks like: <key>_<id>, the key a datetime as microseconds since
# 1970 (UTC), a date as YYYYMMDD, or "n" when the item has no date.
CURSOR = re.compile(r"(-?[0-9]{1,17}|n)_([0-9]{1,19})")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows: "more than 240 results" is as useful to a reader
    as 25,212, and counting every match of a common word costs a search most of its
    time. ``capped`` tells whether there were more; pages stop at the cap."""

    def __init__(self, object_list, per_page, cap):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self):
        # Unordered: the database may stop at the first cap + 1 rows it finds.
        found = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)


def paginate(request, queryset, per_page=PER_PAGE, count_cap=None):
    """The page of ``queryset`` asked for by ``?page=``.

    A page number that is not a number gives the first page, one past the end the
    last: a visitor following an old or mistyped link still lands somewhere useful.
    With ``count_cap``, rows are counted up to that number only (CappedPaginator).
    """
    if count_cap is None:
        paginator = Paginator(queryset, per_page)
    else:
        paginator = CappedPaginator(queryset, per_page, count_cap)
    page = paginator.get_page(request.GET.get("page"))
    page.window = paginator.get_elided_page_range(
        page.number, on_each_side=2, on_ends=1
    )
    return page


# ---------------------------------------------------------------- deep lists


class PageMoved(Exception):
    """The page asked for is better shown at ``url`` (``deep_pages`` redirects)."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


class BoundedPaginator(Paginator):
    """Pages 1 to ``bound`` of a list; ``beyond`` tells whether it goes on.

    With ``exact`` the count is every row (a list that shows "2,000 events");
    otherwise rows are counted up to the bound's last one and one more, which is
    all the numbered pages need to know.
    """

    def __init__(self, object_list, per_page, bound, exact):
        super().__init__(object_list, per_page)
        self.bound = bound
        self.exact = exact
        self.beyond = False

    @cached_property
    def count(self):
        limit = self.bound * self.per_page
        if self.exact:
            found = super().count
            self.beyond = found > limit
            return found
        found = self.object_list.order_by()[: limit + 1].count()
        self.beyond = found > limit
        return min(found, limit)

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.bound)


class CursorPage:
    """A page past the numbered ones: the items after (or before) a cursor.

    It answers what the pagination include and the page templates ask of a
    Django page: ``number`` is None (no number is shown or made canonical),
    ``paginator.count`` the list's count.
    """

    deep = True
    number = None
    window = ()

    def __init__(self, items, paginator, newer, older):
        self.object_list = items
        self.paginator = paginator
        self.newer_cursor = newer
        self.older_cursor = older

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_previous(self):
        return self.newer_cursor is not None

    def has_next(self):
        return self.older_cursor is not None

    def has_other_pages(self):
        return True


class Keyset:
    """The order of a list, newest first: ``key`` descending (empty last when the
    field may be empty), then the id descending; cursors to and from it."""

    def __init__(self, model, key, nullable=None):
        self.key = key
        field = model._meta.get_field(key)
        # A list may leave out the rows without a key (published articles all have
        # their date): it then orders like its index, empty keys first.
        self.nullable = field.null if nullable is None else nullable
        self.is_date = field.get_internal_type() == "DateField"
        self.pk_range = connection.ops.integer_field_range(
            model._meta.pk.get_internal_type()
        )

    def newest_first(self):
        if not self.nullable:
            return (F(self.key).desc(), F("pk").desc())
        return (F(self.key).desc(nulls_last=True), F("pk").desc())

    def oldest_first(self):
        if not self.nullable:
            return (F(self.key).asc(), F("pk").asc())
        return (F(self.key).asc(nulls_first=True), F("pk").asc())

    def cursor(self, item):
        value, pk = getattr(item, self.key), item.pk
        if value is None:
            return f"n_{pk}"
        if self.is_date:
            return f"{value.year:04}{value.month:02}{value.day:02}_{pk}"
        return f"{(value - EPOCH) // MICROSECOND}_{pk}"

    def parse(self, text):
        """(key value, id) of a cursor, or None when it is not one."""
        match = CURSOR.fullmatch(text)
        if match is None:
            return None
        raw, pk = match[1], int(match[2])
        high = self.pk_range[1]
        if pk > (high if high is not None else 2**63 - 1):
            return None
        if raw == "n":
            return (None, pk) if self.nullable else None
        try:
            if self.is_date:
                value = datetime.datetime.strptime(raw, "%Y%m%d").date()
            else:
                value = EPOCH + int(raw) * MICROSECOND
        except (ValueError, OverflowError):
            return None
        return value, pk

    def after(self, value, pk):
        """The items after (older than) the cursor (value, pk)."""
        key = self.key
        if value is None:
            return Q(**{f"{key}__isnull": True, "pk__lt": pk})
        # The first condition alone bounds the index range scan; the second
        # leaves out the cursor's item and those tied with it that came before.
        older = Q(**{f"{key}__lte": value}) & (
            Q(**{f"{key}__lt": value}) | Q(**{key: value, "pk__lt": pk})
        )
        return older | Q(**{f"{key}__isnull": True}) if self.nullable else older

    def before(self, value, pk):
        """The items before (newer than) the cursor (value, pk)."""
        key = self.key
        if value is None:
            return Q(**{f"{key}__isnull": False}) | Q(
                **{f"{key}__isnull": True, "pk__gt": pk}
            )
        return Q(**{f"{key}__gte": value}) & (
            Q(**{f"{key}__gt": value}) | Q(**{key: value, "pk__gt": pk})
        )


def first_page_url(request):
    """This list's first page, its filters kept."""
    query = request.GET.copy()
    for name in ("page", AFTER, BEFORE):
        query.pop(name, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def paginate_list(
    request, queryset, key, nullable=None, exact_count=False, per_page=None, bound=None
):
    """The page of ``queryset``, newest ``key`` first, asked for by ``?page=``
    (1 to ``PAGE_BOUND``), ``?sau=`` or ``?truoc=`` (a cursor).

    A page number that is not a number gives the first page, one past the end the
    last numbered one. A cursor that is not one, or a step newer that reaches the
    start of the list, moves to the first page (``PageMoved``); a cursor past the
    end shows the oldest items. The numbered pages make two queries (count, page),
    a cursor page one, and a second one only past the end; with ``exact_count``
    (a list that shows its count) a cursor page counts too.
    """
    per_page = per_page or PER_PAGE
    bound = bound or PAGE_BOUND
    keyset = Keyset(queryset.model, key, nullable)
    queryset = queryset.order_by(*keyset.newest_first())
    paginator = BoundedPaginator(queryset, per_page, bound, exact_count)
    after, before = request.GET.get(AFTER), request.GET.get(BEFORE)
    if after is None and before is None:
        page = paginator.get_page(request.GET.get("page"))
        page.window = list(
            paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        )
        page.deep = False
        page.newer_cursor = None
        page.older_cursor = None
        if page.number == paginator.num_pages and paginator.beyond:
            page.older_cursor = keyset.cursor(page[-1])
        return page

    cursor = keyset.parse(after if after is not None else before)
    if cursor is None:
        raise PageMoved(first_page_url(request))
    if after is not None:
        rows = list(queryset.filter(keyset.after(*cursor))[: per_page + 1])
        if not rows:
            # Past the end (the items it followed are gone): the oldest ones.
            oldest = queryset.order_by(*keyset.oldest_first())[:per_page]
            rows = list(oldest)[::-1]
            more = False
            if not rows:
                raise PageMoved(first_page_url(request))
        else:
            more = len(rows) > per_page
            rows = rows[:per_page]
        older = keyset.cursor(rows[-1]) if more else None
        return CursorPage(rows, paginator, keyset.cursor(rows[0]), older)

    newer_first = queryset.order_by(*keyset.oldest_first())
    rows = list(newer_first.filter(keyset.before(*cursor))[: per_page + 1])
    if len(rows) <= per_page:
        # Nothing newer than a page's worth: that is the first page.
        raise PageMoved(first_page_url(request))
    rows = rows[:per_page][::-1]
    return CursorPage(rows, paginator, keyset.cursor(rows[0]), keyset.cursor(rows[-1]))


def deep_pages(view):
    """For a list view paginated by ``paginate_list``: a page that moved is a
    redirect, and a cursor page tells robots to follow its links but not to index
    it (the numbered pages are the list's indexed pages)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except PageMoved as moved:
            return HttpResponseRedirect(moved.url)
        page = (getattr(response, "context_data", None) or {}).get("page_obj")
        if getattr(page, "deep", False):
            response["X-Robots-Tag"] = "noindex, follow"
        return response

    return wrapper
