"""A network's meetings: agenda, joining details, notes and actions."""

urlpatterns = []
