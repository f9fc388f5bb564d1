from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("home/", views.your_exchange, name="home"),
    path("learning-record/", views.learning_record, name="learning-record"),
    path("learning-record.csv", views.learning_record_csv, name="learning-record-csv"),
    path("edit/", views.profile_edit, name="profile-edit"),
    path("sign-up/", views.sign_up, name="sign-up"),
    path("sign-up/check-your-email/", views.sign_up_sent, name="sign-up-sent"),
    path("verify/<str:token>/", views.verify_email, name="verify-email"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(),
         name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password-reset-confirm"),
    path("password-reset/complete/", views.PasswordResetCompleteView.as_view(),
         name="password-reset-complete"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("tokens/", views.token_create, name="token-create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("memberships/", views.membership_queue, name="membership-queue"),
    path("memberships/<int:pk>/", views.membership_decide, name="membership-decide"),
]
