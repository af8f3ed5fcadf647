"""The weekly work schedule from the meetings, and its iCalendar feed."""

urlpatterns = []
