from django.urls import path

from .views import manage, public, taking_part

app_name = "visits"

urlpatterns = [
    # Everyone.
    path("", public.visit_list, name="list"),
    path("calendar.ics", public.calendar_feed, name="calendar"),
    path("host/", public.host_offer, name="host-offer"),
    path("host/thanks/", public.host_offer_thanks, name="host-offer-thanks"),
    path("<int:pk>/", public.visit_detail, name="detail"),
    path("<int:pk>/short-report/<slug:fmt>/", public.short_report_download,
         name="short-report-download"),
    # Leads and visitors.
    path("mine/", taking_part.your_visits, name="mine"),
    path("<int:pk>/apply/", taking_part.apply, name="apply"),
    path("<int:pk>/apply/withdraw/", taking_part.withdraw_application, name="withdraw-application"),
    path("visitors/<int:pk>/withdraw/", taking_part.withdraw_visitor, name="withdraw"),
    path("offers/<int:pk>/", taking_part.offer, name="offer"),
    path("<int:pk>/preparation/invite.ics", taking_part.invitation, name="invitation"),
    path("materials/<int:pk>/", taking_part.material, name="material"),
    path("<int:pk>/learning/", taking_part.learning, name="learning"),
    path("learning-points/<int:pk>/edit/", taking_part.edit_learning, name="edit-learning"),
    path("learning-points/<int:pk>/delete/", taking_part.delete_learning, name="delete-learning"),
    path("check-ins/<int:pk>/", taking_part.check_in, name="check-in"),
    # The host, through a signed link.
    path("report/<str:token>/", taking_part.host_report, name="host-report-view"),
    path("report/<str:token>/download/<slug:fmt>/", taking_part.host_report_download,
         name="host-report-view-download"),
    # The programme team.
    path("manage/", manage.dashboard, name="manage"),
    path("manage/new/", manage.visit_form, name="create"),
    path("manage/host-offers/", manage.host_offers, name="host-offers"),
    path("manage/programme/", manage.programme_years, name="programme-years"),
    path("manage/programme/<int:pk>/", manage.programme_year, name="programme-year"),
    path("manage/<int:pk>/", manage.manage_visit, name="manage-visit"),
    path("manage/<int:pk>/edit/", manage.visit_form, name="edit"),
    path("manage/<int:pk>/state/<slug:action>/", manage.change_state, name="change-state"),
    path("manage/<int:pk>/allocate/", manage.allocate, name="allocate"),
    path("manage/visitors/<int:pk>/adjust/", manage.adjust, name="adjust"),
    path("manage/<int:pk>/preparation/", manage.preparation, name="preparation"),
    path("manage/<int:pk>/preparation/send/", manage.send_preparation, name="send-preparation"),
    path("manage/<int:pk>/questions/", manage.questions, name="questions"),
    path("manage/<int:pk>/learning/", manage.learning, name="manage-learning"),
    path("manage/<int:pk>/host-report/", manage.host_report, name="host-report"),
    path("manage/<int:pk>/host-report/download/<slug:fmt>/", manage.host_report_download,
         name="host-report-download"),
    path("manage/<int:pk>/follow-up/", manage.follow_up, name="follow-up"),
    path("manage/<int:pk>/short-report/", manage.short_report, name="short-report"),
]
