"""The small grants scheme's rules, through its domain functions: who may apply, the deadline,
completeness, the panel (never someone from the applicant), the arithmetic of the ranking,
decisions, reminders and the practice bank."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exchange.common.models import Activity
from exchange.grants.domain import applications as applying
from exchange.grants.domain import assessment, calls, decisions, progress
from exchange.grants.enums import ApplicationStatus, CallStatus
from exchange.grants.models import GrantApplication, ProgressReport
from exchange.mail.models import OutboxMessage
from exchange.people.enums import MembershipRole
from exchange.practice.enums import PracticeStatus
from tests.factories import OrganisationFactory, member_of, staff_user

from .factories import COMPLETE, make_application, make_call

pytestmark = pytest.mark.django_db


def verbs(obj):
    return list(Activity.objects.for_object(obj).order_by("created_at", "id")
                .values_list("verb", flat=True))


# --- Who may apply, and when -------------------------------------------------------------------

def test_a_lead_of_a_member_organisation_starts_a_draft(call, force, lead):
    application = applying.start_application(call=call, organisation=force, actor=lead)
    assert application.status == ApplicationStatus.DRAFT
    assert application.created_by == lead
    assert verbs(application) == ["start"]


def test_an_organisation_outside_the_programme_year_cannot_apply(call):
    outsider_force = OrganisationFactory(name="Testshire Police")
    outsider_lead = member_of(outsider_force, role=MembershipRole.LEAD)
    with pytest.raises(ValidationError) as refused:
        applying.start_application(call=call, organisation=outsider_force, actor=outsider_lead)
    assert "not a member" in refused.value.message_dict["organisation"][0]


def test_a_member_who_is_not_a_lead_cannot_apply(call, force, member):
    with pytest.raises(PermissionDenied):
        applying.start_application(call=call, organisation=force, actor=member)


def test_a_lead_cannot_apply_for_another_organisation(call, other_force, lead):
    with pytest.raises(PermissionDenied):
        applying.start_application(call=call, organisation=other_force, actor=lead)


def test_one_live_application_per_organisation_and_call(call, force, lead):
    first = applying.start_application(call=call, organisation=force, actor=lead)
    with pytest.raises(ValidationError) as refused:
        applying.start_application(call=call, organisation=force, actor=lead)
    assert "already has an application" in refused.value.message_dict["organisation"][0]
    applying.withdraw_application(application=first, actor=lead)
    again = applying.start_application(call=call, organisation=force, actor=lead)
    assert again.pk != first.pk


def test_no_application_starts_before_the_call_opens_or_after_its_deadline(year, force, lead):
    not_open = make_call(year, slug="later", opened_days_ago=-2, days_left=30)
    closed = make_call(year, slug="closed", opened_days_ago=40, days_left=-1)
    drafted = make_call(year, slug="draft", status=CallStatus.DRAFT)
    for call in (not_open, closed, drafted):
        with pytest.raises(ValidationError, match="not taking applications"):
            applying.start_application(call=call, organisation=force, actor=lead)


# --- Drafts, completeness and the deadline -----------------------------------------------------

def test_a_draft_saves_with_parts_missing_and_keeps_its_budget(call, force, lead):
    application = applying.start_application(call=call, organisation=force, actor=lead)
    applying.save_draft(application=application, actor=lead, project_title="Half written",
                        budget_lines=[("Nurse", 4000), ("Analyst", 500)])
    application.refresh_from_db()
    assert application.project_title == "Half written" and application.aims == ""
    assert application.budget_total == 4500


def test_submitting_names_each_missing_part(call, force, lead):
    application = applying.start_application(call=call, organisation=force, actor=lead)
    applying.save_draft(application=application, actor=lead, project_title="Only a title",
                        budget_lines=[])
    with pytest.raises(ValidationError) as refused:
        applying.submit_application(application=application, actor=lead)
    assert set(refused.value.message_dict) == {"aims", "method", "evaluation_plan", "budget"}
    assert refused.value.message_dict["budget"] == ["Add at least one budget line"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_the_budget_total_must_fall_within_the_calls_range(call, force, lead):
    application = make_application(call, force, lead, lines=[("Too much", 15000), ("More", 1)])
    with pytest.raises(ValidationError) as refused:
        applying.submit_application(application=application, actor=lead)
    assert refused.value.message_dict == {
        "budget": ["Make the budget total £2,000 to £15,000: it is £15,001"]}


def test_a_complete_draft_submits_before_the_deadline(call, force, lead):
    application = make_application(call, force, lead)
    applying.submit_application(application=application, actor=lead)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.submitted_at
    assert verbs(application) == ["submit"]


def test_nothing_is_submitted_after_the_deadline(call, force, lead):
    application = make_application(call, force, lead)
    with pytest.raises(ValidationError, match="deadline"):
        applying.submit_application(application=application, actor=lead,
                                    now=call.deadline + datetime.timedelta(seconds=1))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_partners_written_as_free_text_become_one_name_each():
    assert applying.partner_names(
        "Calm Minds (with Avon NHS Trust), Medway Council\nand Kent Fire; "
        "Youth Trust (with Kent County Council, Medway Council)") == [
        "Calm Minds (with Avon NHS Trust)", "Medway Council", "Kent Fire",
        "Youth Trust (with Kent County Council, Medway Council)"]
    assert applying.partner_names("  ") == []


# --- The panel ---------------------------------------------------------------------------------

@pytest.fixture
def submitted(call, force, lead):
    return make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)


@pytest.fixture
def kent_reviewer(force):
    """A reviewer who belongs to Kent Police, the applicant."""
    reviewer = member_of(force, email="reviewer@kent.police.uk", full_name="Kim Kent")
    reviewer.groups.add(*staff_user("Reviewer").groups.all())
    return reviewer


def test_an_assessor_from_the_applicant_organisation_is_never_assigned(
        submitted, organiser, kent_reviewer, reviewer):
    assert kent_reviewer not in assessment.possible_assessors(submitted)
    assert reviewer in assessment.possible_assessors(submitted)
    with pytest.raises(ValidationError) as refused:
        assessment.set_panel(application=submitted, actor=organiser,
                             assessors=[reviewer, kent_reviewer])
    assert "belongs to Kent Police" in refused.value.message_dict["assessors"][0]
    assert not submitted.panel.exists()


def test_only_staff_sit_on_a_panel(submitted, organiser, outsider):
    with pytest.raises(ValidationError, match="not an organiser or a reviewer"):
        assessment.set_panel(application=submitted, actor=organiser, assessors=[outsider])


def test_the_panel_is_set_and_changed_with_a_log(submitted, organiser, reviewer):
    assessment.set_panel(application=submitted, actor=organiser, assessors=[organiser, reviewer])
    assessment.set_panel(application=submitted, actor=organiser, assessors=[reviewer])
    assert [a.assessor for a in submitted.panel.all()] == [reviewer]
    assert verbs(submitted) == ["assign", "assign", "unassign"]


def test_changing_the_panel_costs_the_same_however_many_assessors(
        call, force, other_force, lead, organiser, query_count):
    counts = []
    for n, organisation in ((1, force), (4, other_force)):
        application = make_application(call, organisation, lead,
                                       status=ApplicationStatus.SUBMITTED)
        before = [staff_user(full_name=f"Before {n}.{k}") for k in range(n)]
        after = [staff_user(full_name=f"After {n}.{k}") for k in range(n)]
        assessment.set_panel(application=application, actor=organiser, assessors=before)
        counts.append(query_count.of(lambda application=application, after=after:
                                     assessment.set_panel(application=application,
                                                          actor=organiser, assessors=after)))
        assert [a.assessor for a in application.panel.all()] == after
        assert verbs(application) == ["assign"] * n + ["unassign"] * n + ["assign"] * n
    assert counts[0] == counts[1]


def test_an_assessor_scores_every_criterion_from_0_to_5(submitted, organiser, reviewer, call):
    [assignment] = assessment.set_panel(application=submitted, actor=organiser,
                                        assessors=[reviewer])
    first, second = call.criteria.all()
    with pytest.raises(ValidationError) as refused:
        assessment.save_scores(assignment=assignment, actor=reviewer,
                               scores={first.pk: (6, ""), second.pk: (None, "")})
    assert set(refused.value.message_dict) == {f"score_{first.pk}", f"score_{second.pk}"}
    with pytest.raises(PermissionDenied):
        assessment.save_scores(assignment=assignment, actor=organiser,
                               scores={first.pk: (3, ""), second.pk: (3, "")})
    assessment.save_scores(assignment=assignment, actor=reviewer,
                           scores={first.pk: (3, "Fair"), second.pk: (5, "Strong")})
    assignment.refresh_from_db()
    assert assignment.scored_at is not None
    assert sorted(assignment.scores.values_list("score", flat=True)) == [3, 5]


# --- The arithmetic ------------------------------------------------------------------------------

def test_the_weighted_score_weighs_each_criterions_mean_and_the_spread_compares_assessors():
    # Criterion 1 (weight 2): scores 4 and 2, mean 3. Criterion 2 (weight 3): 5 and 3, mean 4.
    # Weighted: (2x3 + 3x4) / 5 = 3.6. Assessor A: (2x4 + 3x5)/5 = 4.6; B: (2x2 + 3x3)/5 = 2.6.
    rows = [("a", 1, 2, 4), ("a", 2, 3, 5), ("b", 1, 2, 2), ("b", 2, 3, 3)]
    assert assessment.weighted_score(rows) == (3.6, 2.0)
    assert assessment.weighted_score([("a", 1, 2, 4)]) == (4.0, 0.0)
    assert assessment.weighted_score([]) == (None, None)


def test_the_ranking_puts_the_best_weighted_score_first_and_unscored_last(
        call, force, other_force, lead, organiser, reviewer):
    essex_lead = member_of(other_force, role=MembershipRole.LEAD)
    third = OrganisationFactory(name="Third Force")
    call.programme_year.memberships.create(organisation=third)
    third_lead = member_of(third, role=MembershipRole.LEAD)
    kent = make_application(call, force, lead, status=ApplicationStatus.SUBMITTED)
    essex = make_application(call, other_force, essex_lead, status=ApplicationStatus.SUBMITTED)
    unscored = make_application(call, third, third_lead, status=ApplicationStatus.SUBMITTED)
    first, second = call.criteria.all()
    for application, given in ((kent, [(1, 1), (2, 2)]), (essex, [(5, 5), (4, 4)])):
        assignments = assessment.set_panel(application=application, actor=organiser,
                                           assessors=[organiser, reviewer])
        for assignment, (a, b) in zip(assignments, given, strict=True):
            assessment.save_scores(assignment=assignment, actor=assignment.assessor,
                                   scores={first.pk: (a, ""), second.pk: (b, "")})
    ranked = assessment.ranking(call)
    assert [(a.pk, a.weighted, a.spread, a.assigned, a.scored) for a in ranked] == [
        (essex.pk, 4.5, 1.0, 2, 2), (kent.pk, 1.5, 1.0, 2, 2), (unscored.pk, None, None, 0, 0)]


# --- Decisions ------------------------------------------------------------------------------------

def test_a_decision_emails_the_applicants_leads_only_and_is_logged(
        call, submitted, organiser, lead, member, force):
    second_lead = member_of(force, role=MembershipRole.LEAD, email="lead2@kent.police.uk")
    calls.change_call_state(call=call, action="close_for_assessment", actor=organiser)
    decisions.record_decision(application=submitted, actor=organiser, funded=True,
                              amount_awarded=9000, feedback="A clear method.")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.amount_awarded, submitted.decided_by) == (
        ApplicationStatus.FUNDED, 9000, organiser)
    sent = OutboxMessage.objects.filter(template="grant_decision")
    assert sorted(sent.values_list("to", flat=True)) == sorted([lead.email, second_lead.email])
    assert "your application is funded" in sent.first().subject
    assert "A clear method." in sent.first().body_text and "£9000" in sent.first().body_text
    assert member.email not in set(OutboxMessage.objects.values_list("to", flat=True))
    assert verbs(submitted)[-1] == "fund"
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED  # nothing submitted is left to decide


def test_a_decision_needs_feedback_an_amount_in_range_and_a_closed_call(
        call, submitted, organiser):
    with pytest.raises(ValidationError, match="close it for assessment"):
        decisions.record_decision(application=submitted, actor=organiser, funded=False,
                                  feedback="No.")
    calls.change_call_state(call=call, action="close_for_assessment", actor=organiser)
    with pytest.raises(ValidationError) as refused:
        decisions.record_decision(application=submitted, actor=organiser, funded=True,
                                  amount_awarded=20000, feedback=" ")
    assert set(refused.value.message_dict) == {"feedback", "amount_awarded"}
    assert not OutboxMessage.objects.exists()


def test_the_call_cannot_be_marked_decided_while_applications_wait(call, submitted, organiser):
    calls.change_call_state(call=call, action="close_for_assessment", actor=organiser)
    with pytest.raises(ValidationError, match="every submitted application"):
        calls.change_call_state(call=call, action="finish", actor=organiser)


# --- Funded projects ------------------------------------------------------------------------------

@pytest.fixture
def funded(call, force, lead, organiser):
    application = make_application(call, force, lead, status=ApplicationStatus.FUNDED,
                                   amount_awarded=9000)
    return application


def test_a_reminder_goes_once_before_a_report_is_due(funded, organiser, lead):
    today = timezone.localdate()
    soon = progress.add_report_date(application=funded, actor=organiser,
                                    due_on=today + datetime.timedelta(days=10))
    progress.add_report_date(application=funded, actor=organiser, is_final=True,
                             due_on=today + datetime.timedelta(days=90))
    assert progress.send_report_reminders() == 1
    assert progress.send_report_reminders() == 0
    sent = OutboxMessage.objects.get(template="grant_report_reminder")
    assert sent.to == lead.email and sent.subject.startswith("Action needed")
    assert f"/grants/applications/{funded.pk}/reports/{soon.pk}/" in sent.body_text
    # Moving the date on sends it again before the new date.
    progress.move_report_date(report=soon, actor=organiser,
                              due_on=today + datetime.timedelta(days=12))
    assert progress.send_report_reminders() == 1


def test_a_claimed_reminder_is_not_sent_by_a_second_worker(funded, organiser):
    report = progress.add_report_date(application=funded, actor=organiser,
                                      due_on=timezone.localdate())
    ProgressReport.objects.filter(pk=report.pk).update(reminded_at=timezone.now())
    assert progress.send_report_reminders() == 0


def test_only_one_final_report_date(funded, organiser):
    progress.add_report_date(application=funded, actor=organiser, is_final=True,
                             due_on=timezone.localdate())
    with pytest.raises(ValidationError):
        progress.add_report_date(application=funded, actor=organiser, is_final=True,
                                 due_on=timezone.localdate())


def test_the_lead_writes_a_report_and_the_organisers_hear(funded, organiser, lead, member):
    report = progress.add_report_date(application=funded, actor=organiser,
                                      due_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        progress.submit_report(report=report, actor=member, what_was_done="x", results="y",
                               evidence="z")
    with pytest.raises(ValidationError) as refused:
        progress.submit_report(report=report, actor=lead, what_was_done="Done", results="",
                               evidence="")
    assert set(refused.value.message_dict) == {"results", "evidence"}
    progress.submit_report(report=report, actor=lead, what_was_done="Done", results="Fewer",
                           evidence="Figures")
    assert report.submitted_at and report.submitted_by == lead
    assert OutboxMessage.objects.get(template="grant_report_received").to == organiser.email


def _final_report(funded, organiser, lead):
    report = progress.add_report_date(application=funded, actor=organiser, is_final=True,
                                      due_on=timezone.localdate())
    return progress.submit_report(report=report, actor=lead, what_was_done="72 nights ridden.",
                                  results="Detentions fell by a third.",
                                  evidence="Force data against a matched district.")


def test_a_final_report_is_published_to_the_practice_bank_with_the_chosen_label(
        funded, lead, force):
    organiser_reviewer = staff_user("Organiser", "Reviewer", email="both@example.org")
    report = _final_report(funded, organiser_reviewer, lead)
    practice = progress.publish_final_report(
        report=report, actor=organiser_reviewer, label="promising",
        summary="A nurse on the late shift.", mechanism="Clinical judgement on the spot.")
    report.refresh_from_db()
    assert report.practice == practice
    assert (practice.status, practice.evidence_label, practice.organisation) == (
        PracticeStatus.PUBLISHED, "promising", force)
    assert practice.title == COMPLETE["project_title"]
    assert practice.partners == ["Calm Minds (with Avon NHS Trust)"]
    assert practice.results == "Detentions fell by a third."
    assert verbs(funded)[-1] == "publish_to_practice"
    with pytest.raises(ValidationError, match="already"):
        progress.publish_final_report(report=report, actor=organiser_reviewer, label="worked",
                                      summary="Again", mechanism="Again")


def test_an_organiser_who_does_not_review_sends_the_entry_to_the_review_queue(
        funded, organiser, lead):
    report = _final_report(funded, organiser, lead)
    practice = progress.publish_final_report(report=report, actor=organiser, label="worked",
                                             summary="One line.", mechanism="Why.")
    assert practice.status == PracticeStatus.SUBMITTED


def test_publishing_needs_a_label_a_summary_and_a_mechanism(funded, organiser, lead):
    report = _final_report(funded, organiser, lead)
    with pytest.raises(ValidationError) as refused:
        progress.publish_final_report(report=report, actor=organiser, label="astrology",
                                      summary="", mechanism="")
    assert set(refused.value.message_dict) == {"label", "summary", "mechanism"}


def test_applications_are_seen_only_by_the_applicants_leads_organisers_and_panel(
        submitted, lead, member, colleague, outsider, organiser, reviewer):
    def sees(user):
        return GrantApplication.objects.for_user(user).filter(pk=submitted.pk).exists()

    assert [sees(u) for u in (lead, organiser)] == [True, True]
    assert [sees(u) for u in (member, colleague, outsider, reviewer)] == [False] * 4
    assessment.set_panel(application=submitted, actor=organiser, assessors=[reviewer])
    assert sees(reviewer)


def test_the_reminders_run_as_a_periodic_job(funded, organiser):
    from exchange.common.scheduling import periodic_jobs, tick

    [job] = [job for job in periodic_jobs() if job.name == "grants.report_reminders"]
    progress.add_report_date(application=funded, actor=organiser, due_on=timezone.localdate())
    assert tick(jobs=[job]) == {"grants.report_reminders": 1}
    assert tick(jobs=[job]) == {}  # claimed: not due again for an hour
