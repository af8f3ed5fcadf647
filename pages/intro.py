"""The introduction: the college's functions, history and achievements, and its
organisation (units and their leaders' contacts)."""

urlpatterns = []
