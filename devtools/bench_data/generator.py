"""One run of the generator: the steps in order, in one transaction, timed."""

import argparse
import datetime
import random
import time

from django.db import connection, transaction
from django.utils import timezone

from core.images import delete_files
from devtools.bench_data.awards import AwardSteps
from devtools.bench_data.database import analyse, reset_content
from devtools.bench_data.events import EventSteps
from devtools.bench_data.news import NewsSteps
from devtools.bench_data.people import PeopleSteps
from events.models import Photo
from ops import page_cache

YEARS = 15
DEFAULT_SEED = 20240131


class BenchData(PeopleSteps, EventSteps, NewsSteps, AwardSteps):
    """One run of the generator; ``make()`` writes everything and returns timings.

    Each step reads what the steps before it made (the units, people, meetings) from
    attributes of the run; every random draw comes from one ``rng``, in the order of
    the steps, which is what makes a seed give the same content.
    """

    def __init__(self, articles, meetings, photos, seed=DEFAULT_SEED, log=print):
        self.n_articles = articles
        self.n_meetings = meetings
        self.n_photos = photos
        self.rng = random.Random(seed)
        self.seed = seed
        self.log = log
        self.today = timezone.localdate()
        now = timezone.localtime()
        # Everything ends a few days before now, so an article written after its
        # meeting is never in the future by accident.
        self.end = now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(
            days=3
        )
        self.start = self.end - datetime.timedelta(days=365 * YEARS)
        self.written_files = []

    def make(self):
        steps = [
            ("đơn vị, chuyên mục", self.make_units_and_categories),
            ("nhân sự", self.make_people),
            ("hội nghị", self.make_meetings),
            ("ảnh", self.make_photos),
            ("bài viết", self.make_articles),
            ("khen thưởng", self.make_awards),
        ]
        timings = []
        storage = Photo._meta.get_field("image").storage
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        # New rows of the trigram (GIN) search indexes wait in a
                        # pending list, merged into the index when it is full: a
                        # larger list, for this transaction only, merges less often.
                        cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
                for name, step in steps:
                    started = time.monotonic()
                    self.log(f"… {name}")
                    step()
                    timings.append((name, time.monotonic() - started))
                transaction.on_commit(page_cache.bump_generation)
        except BaseException:
            delete_files(storage, self.written_files)
            raise
        started = time.monotonic()
        analyse()
        timings.append(("thống kê cho bộ lập kế hoạch", time.monotonic() - started))
        return timings

    def make_units_and_categories(self):
        self.make_units()
        self.make_categories()

    def random_moment(self, start=None, end=None):
        start, end = start or self.start, end or self.end
        seconds = self.rng.randrange(int((end - start).total_seconds()))
        moment = start + datetime.timedelta(seconds=seconds)
        return moment.replace(
            hour=self.rng.randint(7, 16),
            minute=self.rng.choice((0, 0, 30)),
            second=0,
            microsecond=0,
        )


def make_bench_data(
    articles=1000, meetings=100, photos=30, seed=DEFAULT_SEED, reset=False, log=print
):
    """Write the bench content; return [(step, seconds)]."""
    if articles < 0 or meetings < 1 or photos < 1:
        raise ValueError("articles ≥ 0, meetings ≥ 1, photos ≥ 1")
    timings = []
    if reset:
        started = time.monotonic()
        log("… xoá nội dung cũ")
        reset_content(log)
        timings.append(("xoá nội dung cũ", time.monotonic() - started))
    generator = BenchData(articles, meetings, photos, seed=seed, log=log)
    return timings + generator.make()


def non_negative_int(value):
    """A command-line count: a whole number, zero or more."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(
            f"“{value}” không phải là một số nguyên không âm."
        )
    return number
