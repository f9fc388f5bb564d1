"""Page feedback, at /feedback/."""

app_name = "feedback"

urlpatterns = []
