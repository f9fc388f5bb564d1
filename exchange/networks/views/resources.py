"""Links and files shared within a network."""

urlpatterns = []
