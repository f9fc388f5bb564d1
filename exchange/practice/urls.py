from django.urls import path

from .views import browse, review, submit

app_name = "practice"

urlpatterns = [
    # Finding practice (everyone; members-only entries need a member).
    path("", browse.practice_list, name="list"),
    path("export.csv", browse.practice_csv, name="export-csv"),
    path("feed/", browse.LatestPracticeFeed(), name="feed"),
    path("<int:pk>/", browse.practice_detail, name="detail"),
    # Submitting (signed-in members).
    path("submit/", submit.start, name="submit-start"),
    path("mine/", submit.my_submissions, name="mine"),
    path("<int:pk>/edit/", submit.task_list, name="task-list"),
    path("<int:pk>/edit/<slug:section>/", submit.edit_section, name="edit-section"),
    path("<int:pk>/check/", submit.check_answers, name="check-answers"),
    path("<int:pk>/revise/", submit.revise, name="revise"),
    path("<int:pk>/delete/", submit.delete_draft, name="delete"),
    # Reviewing (staff reviewers).
    path("review/", review.queue, name="review-queue"),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/review/<slug:action>/", review.decide, name="review-action"),
]
