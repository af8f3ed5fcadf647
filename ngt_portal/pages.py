"""Small pieces every public page uses: pagination that never fails."""

from django.core.paginator import Paginator

PER_PAGE = 12


def paginate(request, queryset, per_page=PER_PAGE):
    """The page of ``queryset`` asked for by ``?page=``.

    A page number that is not a number gives the first page, one past the end the
    last: a visitor following an old or mistyped link still lands somewhere useful.
    """
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.window = paginator.get_elided_page_range(
        page.number, on_each_side=2, on_ends=1
    )
    return page
