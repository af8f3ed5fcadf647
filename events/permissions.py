"""Who may change a meeting and its photos: the one place the ownership rule lives.

Editors hold Django's model permissions and change everything. A reporter holds
``events.change_own_meeting``: they change the meetings they created, with their
attendees, documents and photos, and add photos to them. A photographer holds
``events.delete_own_photo``: they delete the photos they uploaded. The groups'
permissions are listed in ``news.roles``.

Each function takes the object or ``None``. ``None`` asks "may they, for some
object?" (what the admin asks to show a list's links and the add form's rows); the
object's own answer is what a save or a delete is checked against.
"""


def may_change_meeting(user, meeting=None):
    """An editor any meeting; a reporter a meeting they created, or the one they
    are adding (``None``)."""
    if user.has_perm("events.change_meeting"):
        return True
    if not user.has_perm("events.change_own_meeting"):
        return False
    return meeting is None or meeting.pk is None or meeting.created_by_id == user.pk


def may_change_own_meeting_only(user):
    """True for a user whose meeting rights stop at the meetings they created."""
    return not user.has_perm("events.change_meeting") and user.has_perm(
        "events.change_own_meeting"
    )


def may_add_photos(user, meeting):
    """A photographer or editor to any meeting; a reporter to their own."""
    if user.has_perm("events.add_photo"):
        return True
    return may_change_own_meeting_only(user) and may_change_meeting(user, meeting)


def may_caption_meeting(user, meeting=None):
    """Who opens a meeting's caption grid: whoever may change its photos (a
    photographer or editor any meeting's, a reporter their own meeting's)."""
    if user.has_perm("events.change_photo"):
        return True
    return may_change_own_meeting_only(user) and may_change_meeting(user, meeting)


def may_change_photo(user, photo=None):
    """A photographer or editor any photo; a reporter the photos of a meeting they
    created."""
    if user.has_perm("events.change_photo"):
        return True
    if photo is None or not may_change_own_meeting_only(user):
        return False
    return owns_photo(user, photo)


def owns_photo(user, photo):
    """A reporter's photo: one of a meeting they created, or, for an image with no
    meeting (uploaded into an article's body), one they uploaded."""
    if photo.meeting_id is None:
        return photo.uploaded_by_id == user.pk
    return may_change_meeting(user, photo.meeting)


def may_delete_photo(user, photo=None):
    """An editor any photo; a photographer the photos they uploaded; a reporter the
    photos of a meeting they created."""
    if user.has_perm("events.delete_photo"):
        return True
    mine = photo is None or photo.uploaded_by_id == user.pk
    if mine and user.has_perm("events.delete_own_photo"):
        return True
    if photo is None or not may_change_own_meeting_only(user):
        return False
    return owns_photo(user, photo)
