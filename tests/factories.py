"""factory_boy factories: each test builds exactly the data it needs."""

import datetime
import zoneinfo

import factory
from django.contrib.auth import get_user_model

from awards.models import Award, Campaign
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, Category
from people.models import Person, Position, Unit

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class SuperUserFactory(UserFactory):
    username = "quantri"
    is_staff = True
    is_superuser = True


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Khoa Thử nghiệm {n}")
    kind = Unit.Kind.FACULTY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    title = "Giảng viên"
    unit = factory.SubFactory(UnitFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Hội nghị thử nghiệm số {n}")
    kind = Meeting.Kind.ANNUAL_REVIEW
    starts_at = datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI)
    location = "Hội trường A"


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: f"{n}/KH-CĐNGT")
    date = datetime.date(2024, 1, 17)


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    role = Attendee.Role.PARTICIPANT


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    meeting = factory.SubFactory(MeetingFactory)
    caption = factory.Sequence(lambda n: f"Ảnh thử nghiệm {n}")
    image = factory.django.ImageField(width=64, height=48, format="JPEG")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Bài viết thử nghiệm {n}")
    category = factory.SubFactory(CategoryFactory)
    summary = "Tóm tắt bài viết."
    body = "<p>Nội dung bài viết.</p>"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Phong trào thi đua {n}")
    period = "2023"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    kind = Award.Kind.ADVANCED_WORKER
    year = 2023
    recipient_person = factory.SubFactory(PersonFactory)


def role_user(role, username):
    """A staff account in the group of ``role`` (``news.roles``), nothing more."""
    from django.contrib.auth.models import Group

    from news.roles import sync_roles

    if not Group.objects.filter(name=role).exists():
        # A transactional test before this one emptied the tables migrations fill.
        sync_roles()
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user
