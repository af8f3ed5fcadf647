"""Small pieces every public page uses: pagination that never fails."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

PER_PAGE = 12


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
