"""People is not a programme, but its staff page sits in the header beside the programmes'.

Found by exchange/common/programmes.py like a programme app's ``programme`` module.
"""

from exchange.common.programmes import StaffPage

STAFF_PAGES = [StaffPage("Memberships", "people:membership-queue", "people.view_staff_pages")]
