"""The desk's people, signed in: a reporter and an editor of the college."""

import pytest

from news.roles import EDITOR, REPORTER
from tests.factories import role_user


@pytest.fixture
def reporter(client):
    user = role_user(REPORTER, "phongvien")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = role_user(EDITOR, "bientap")
    client.force_login(user)
    return user
