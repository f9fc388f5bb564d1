from django.urls import path

from .views import editor, public, reader

app_name = "lessons"

urlpatterns = [
    # Reading (everyone).
    path("", public.archive, name="archive"),
    path("issues/<int:number>/", public.issue_detail, name="issue"),
    path("issues/<int:number>/learning-the-lessons.pdf", public.issue_pdf, name="issue-pdf"),
    path("issues/<int:number>/learning-the-lessons.docx", public.issue_docx, name="issue-docx"),
    path("cases/", public.case_list, name="cases"),
    path("cases/factors/", public.factor_table, name="factors"),
    path("cases/<int:pk>/", public.case_detail, name="case"),
    path("articles/<int:pk>/", public.article_detail, name="article"),
    # Readers: reflect privately, the mailing list, readers' voice.
    path("cases/<int:pk>/reflect/", reader.reflect, name="reflect"),
    path("learning-record/", reader.learning_record, name="learning-record"),
    path("learning-record.csv", reader.learning_record_csv, name="learning-record-csv"),
    path("subscribe/", reader.subscribe, name="subscribe"),
    path("subscribe/sent/", reader.subscribe_sent, name="subscribe-sent"),
    path("subscribe/confirm/<str:token>/", reader.subscribe_confirm, name="subscribe-confirm"),
    path("unsubscribe/<str:token>/", reader.unsubscribe, name="unsubscribe"),
    path("themes/", reader.themes, name="themes"),
    path("themes/<int:pk>/vote/", reader.theme_vote, name="theme-vote"),
    # Editors.
    path("editor/", editor.dashboard, name="editor"),
    path("editor/issues/new/", editor.issue_create, name="issue-create"),
    path("editor/issues/<int:pk>/", editor.issue_edit, name="issue-edit"),
    # Before the <slug:action> patterns, which would otherwise take "discard".
    path("editor/issues/<int:pk>/discard/", editor.issue_discard, name="issue-discard"),
    path("editor/issues/<int:pk>/<slug:action>/", editor.issue_action, name="issue-action"),
    path("editor/issues/<int:pk>/articles/new/", editor.article_create, name="article-create"),
    path("editor/cases/new/", editor.case_create, name="case-create"),
    path("editor/cases/<int:pk>/", editor.case_edit, name="case-edit"),
    path("editor/cases/<int:pk>/discard/", editor.case_discard, name="case-discard"),
    path("editor/cases/<int:pk>/<slug:action>/", editor.case_action, name="case-action"),
    path("editor/articles/<int:pk>/", editor.article_edit, name="article-edit"),
    path("editor/<slug:kind>/<int:pk>/override/", editor.override, name="override"),
    path("editor/themes/", editor.theme_ranking, name="theme-ranking"),
    path("editor/themes/<int:pk>/<slug:decision>/", editor.theme_decision, name="theme-decision"),
]
