"""``manage.py bench_editor``: an editor at work during the publish storm of ``make
bench`` (tests/bench/storm.py).

Every ``--interval`` seconds it makes one change as the admin would, each saved and
committed on its own so that the signals the admin's save sends move the page cache
on: it publishes a new article, corrects the title of one of the ``--hot`` articles
(the pages under load), or corrects the title of another published article, in turn.

What it does is undone when it ends (after ``--seconds``, or on SIGTERM or Ctrl-C):
the articles it published, recognisable by the slug prefix ``PREFIX``, are deleted;
a corrected title carries ``MARK`` at its end, and a correction of a corrected title
takes it away again, so the titles are put back by removing the mark; the versions
its saves left are deleted. The same clean-up runs first, for a run that was killed.
It prints ``ready`` when it starts changing, and one JSON line when it is done.
"""

import json
import random
import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from news.models import Article

PREFIX = "bench-storm-"
MARK = " (đính chính)"
ACTIONS = ("publish", "correct_hot", "correct_other")


class Stop(Exception):
    """SIGTERM: end the loop and clean up."""


def _stop(signum, frame):
    raise Stop


def _ids(value):
    try:
        return [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise CommandError(
            "--hot nhận các mã bài viết cách nhau bởi dấu phẩy."
        ) from None


class Command(BaseCommand):
    help = (
        "Một biên tập viên trong lúc đo tải: cứ vài giây đăng một bài mới hoặc sửa "
        "tiêu đề một bài đã đăng (kể cả các bài đang được đọc nhiều), rồi hoàn lại "
        "mọi thay đổi khi kết thúc. Chỉ dùng với cơ sở dữ liệu đo hiệu năng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=10, help="Thời gian (10).")
        parser.add_argument(
            "--interval", type=float, default=3, help="Giây giữa hai thay đổi (3)."
        )
        parser.add_argument(
            "--hot", type=_ids, default=[], help="Mã các bài đọc nhiều."
        )
        parser.add_argument("--seed", type=int, default=17)
        parser.add_argument(
            "--clean-only", action="store_true", help="Chỉ dọn dẹp lần chạy trước."
        )

    def handle(self, *args, **options):
        name = str(connection.settings_dict["NAME"] or "")
        if not any(word in name.lower() for word in ("bench", "test")):
            raise CommandError(
                f"Cơ sở dữ liệu “{name}” không phải cơ sở dữ liệu đo hiệu năng."
            )
        self.started = timezone.now()
        self.touched = set()
        self.rng = random.Random(options["seed"])
        self.counts = dict.fromkeys(ACTIONS, 0)
        self.save_ms = []
        cleaned = self.clean()
        if options["clean_only"]:
            self.stdout.write(json.dumps({"cleaned": cleaned}))
            return
        published = Article.objects.published()
        hot = list(published.filter(pk__in=options["hot"]).values_list("pk", flat=True))
        template = published.filter(pk__in=hot).first() or published.first()
        if template is None:
            raise CommandError("Không có bài viết đã đăng nào.")
        previous = signal.signal(signal.SIGTERM, _stop)
        self.stdout.write("ready")
        self.stdout.flush()
        deadline = time.monotonic() + options["seconds"]
        tick = time.monotonic()
        number = 0
        try:
            while time.monotonic() < deadline:
                action = ACTIONS[number % len(ACTIONS)]
                begun = time.monotonic()
                if action == "publish":
                    self.publish(template, number)
                elif action == "correct_hot" and hot:
                    self.correct(hot[(number // len(ACTIONS)) % len(hot)])
                else:
                    action = "correct_other"
                    self.correct(self.other(published, hot))
                self.save_ms.append(1000 * (time.monotonic() - begun))
                self.counts[action] += 1
                number += 1
                tick += options["interval"]
                time.sleep(max(0.0, min(tick, deadline) - time.monotonic()))
        except (Stop, KeyboardInterrupt):
            pass
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            cleaned = self.clean()
            signal.signal(signal.SIGTERM, previous)
        self.save_ms.sort()
        summary = {
            **self.counts,
            "changes": sum(self.counts.values()),
            "save_ms_median": self.save_ms[len(self.save_ms) // 2]
            if self.save_ms
            else 0.0,
            "cleaned": cleaned,
        }
        self.stdout.write(json.dumps(summary))

    # ------------------------------------------------------------------ changes

    def publish(self, template, number):
        stamp = f"{int(time.time())}-{number}"
        with transaction.atomic():
            article = Article(
                title=f"Tin mới {stamp}: {template.title}"[:300],
                slug=f"{PREFIX}{stamp}",
                category_id=template.category_id,
                summary=template.summary,
                body=f"<p>{template.summary}</p>",
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
                byline_text="Phòng Tổ chức – Hành chính",
            )
            article.save()

    def correct(self, pk):
        if pk is None:
            return
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=pk)
            if article.title.endswith(MARK):
                article.title = article.title[: -len(MARK)]
            else:
                article.title = article.title[: 300 - len(MARK)] + MARK
            article.save()
        self.touched.add(pk)

    def other(self, published, hot):
        """A published article that is not hot, anywhere in the archive."""
        bounds = Article.objects.order_by("pk").values_list("pk", flat=True)
        low, high = bounds.first(), bounds.last()
        if low is None:
            return None
        for _ in range(10):
            found = (
                published.filter(pk__gte=self.rng.randint(low, high))
                .exclude(pk__in=hot)
                .exclude(slug__startswith=PREFIX)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if found is not None:
                return found
        return None

    # ------------------------------------------------------------------ clean-up

    def clean(self):
        """Delete the articles published here and their versions, take the mark off
        every corrected title and delete the versions the corrections left."""
        history = Article.history.model
        marked = set(
            Article.objects.filter(title__endswith=MARK).values_list("pk", flat=True)
        )
        ours = list(Article.objects.filter(slug__startswith=PREFIX))
        for article in ours:
            with transaction.atomic():
                article.delete()
        for pk in marked:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=pk)
                article.title = article.title[: -len(MARK)]
                article.save()
        versions = history.objects.filter(slug__startswith=PREFIX) | (
            history.objects.filter(title__endswith=MARK)
        )
        corrected = self.touched | marked
        if corrected:
            versions = versions | history.objects.filter(
                id__in=corrected, history_date__gte=self.started
            )
        versions.delete()
        return {"deleted": len(ours), "titles_restored": len(marked)}
