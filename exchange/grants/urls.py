"""Small grants, at /grants/. Each view module lists its own URLs; the fixed paths (manage/,
assess/, applications/) come before a call's slug."""

from .views import applications, assess, manage, public

app_name = "grants"

urlpatterns = [
    *manage.urlpatterns,
    *assess.urlpatterns,
    *applications.urlpatterns,
    *public.urlpatterns,
]
