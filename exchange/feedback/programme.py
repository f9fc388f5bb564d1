"""Page feedback is not a programme; its report sits in the header beside the programmes' staff
pages. Found by exchange/common/programmes.py like a programme app's ``programme`` module."""

from exchange.common.programmes import StaffPage

STAFF_PAGES = [StaffPage("Page feedback", "feedback:report", "feedback.view_report")]
