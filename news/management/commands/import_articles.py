"""python manage.py import_articles PATH… — old plain-text articles become drafts."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from news.import_people import store_report
from news.importer import import_parsed, parse_article, report_entries
from news.models import Category, ImportedSource
from news.sources import SourceError, read_source

# What old articles are kept as (news/sources.py reads each).
ARTICLE_SUFFIXES = {".txt", ".docx", ".html", ".htm"}


class Command(BaseCommand):
    help = (
        "Nhập các bài viết cũ (tệp văn bản với mọi bảng mã thường gặp, Word .docx, "
        "trang HTML) thành bản nháp, kèm sự kiện, người dự, văn bản và chú thích "
        "ảnh. Mỗi tệp chỉ được nhập một lần."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Tệp hoặc thư mục.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ in ra những gì sẽ được tạo; không ghi gì vào cơ sở dữ liệu.",
        )
        parser.add_argument(
            "--title", default="", help="Tiêu đề cho bài không có dòng “Tiêu đề:”."
        )
        parser.add_argument(
            "--category", default="", help="Đường dẫn (slug) của chuyên mục."
        )

    def handle(self, *args, paths, dry_run, title, category, **options):
        chosen = None
        if category:
            chosen = Category.objects.filter(slug=category).first()
            if chosen is None:
                raise CommandError(f"Không có chuyên mục “{category}”.")
        counts = {"imported": 0, "skipped": 0, "failed": 0}
        for path in self._files(paths, counts):
            outcome = self._import(path, chosen, title, dry_run)
            counts[outcome] += 1
        verb = "Sẽ nhập" if dry_run else "Đã nhập"
        self.stdout.write(
            f"\n{verb} {counts['imported']} bài; bỏ qua {counts['skipped']} tệp đã nhập; "
            f"{counts['failed']} tệp lỗi."
        )
        if counts["failed"]:
            # A script or timer running the import sees that something went wrong.
            raise CommandError(f"{counts['failed']} tệp không nhập được (xem ở trên).")

    def _files(self, paths, counts):
        for name in paths:
            path = Path(name)
            if path.is_dir():
                # In a folder, only what an article is kept as: a folder also holds
                # notes, data and editors' lock files.
                yield from sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in ARTICLE_SUFFIXES
                    and not any(
                        part.startswith(".") for part in p.relative_to(path).parts
                    )
                )
            elif path.is_file():
                yield path
            else:
                self.stderr.write(f"{name}: không tìm thấy tệp hoặc thư mục.")
                counts["failed"] += 1

    def _import(self, path, category, title, dry_run):
        try:
            raw = path.read_bytes()
        except OSError as error:
            return self._fail(path, f"không đọc được ({error.strerror}).")
        try:
            text = read_source(raw, path.name).text
        except SourceError as error:
            return self._fail(path, str(error))
        checksum = hashlib.sha256(raw).hexdigest()
        if ImportedSource.objects.filter(checksum=checksum).exists():
            self.stdout.write(f"{path}: đã nhập trước đây, bỏ qua.")
            return "skipped"
        parsed = parse_article(text, title=title)
        try:
            with transaction.atomic():
                report = import_parsed(parsed, category)
                source = ImportedSource.objects.create(
                    checksum=checksum, name=path.name[:255], article=report.article
                )
                store_report(source, report_entries(parsed))
                if dry_run:
                    transaction.set_rollback(True)
        except (DatabaseError, ValueError) as error:
            return self._fail(path, f"không nhập được ({error}).")
        self._report(path, parsed, report)
        return "imported"

    def _fail(self, path, message):
        self.stderr.write(f"{path}: {message} Bỏ qua tệp này.")
        return "failed"

    def _report(self, path, parsed, report):
        write = self.stdout.write
        write(f"\n{path}")
        write(f"  Bài viết (bản nháp): {parsed.title}")
        if parsed.starts_at is not None:
            when = parsed.starts_at.strftime(
                "%Hh%M ngày %d/%m/%Y" if parsed.time_known else "ngày %d/%m/%Y"
            )
            write(f"  Sự kiện: {parsed.meeting_title or parsed.title} — {when}")
            if parsed.location:
                write(f"  {_('Place')}: {parsed.location}")
            if parsed.organiser:
                write(f"  {_('Organising unit')}: {parsed.organiser}")
        elif not parsed.is_event:
            write(f"  {_('Not a meeting report: no event is created.')}")
        for document in parsed.documents:
            write(f"  Văn bản: số {document.number} ngày {document.date:%d/%m/%Y}")
        for attendee in parsed.attendees:
            who = f"{attendee.honorific} {attendee.name}".strip()
            role = attendee.role.label
            write(f"  Người dự: {who} – {attendee.position or '?'} ({role})")
        if parsed.captions:
            write(f"  Chú thích ảnh (chưa có ảnh): {len(parsed.captions)}")
        byline = " – ".join(p for p in (parsed.byline_name, parsed.byline_unit) if p)
        write(f"  Tin, bài: {byline or '—'}")
        for person in report.created_people:
            report.checks.append(f"Đã tạo hồ sơ mới cho “{person.full_name}”.")
        for unit in report.created_units:
            report.checks.append(f"Đã tạo đơn vị mới “{unit.name}”.")
        for check in report.checks:
            write(f"  Cần kiểm tra: {check}")
