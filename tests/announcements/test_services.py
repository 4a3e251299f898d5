"""The announcement, sign-up and 结果公示 services: capacity and waiting list, the signed link,
messages to those signed up, moves and cancellations, the 公示期 and comments on it."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from announcements.models import Announcement, Comment, SignUp
from announcements.services import (
    InvalidLinkError,
    announcement_cancel,
    announcement_save,
    comment_answer,
    comment_review,
    comment_submit,
    contact_address,
    result_publish,
    signup_cancel,
    signup_for_token,
    signup_reminders_send,
    signup_submit,
    signup_token,
    signups_message,
    waitlist_position,
)
from announcements.workdays import is_workday, period_end
from deliberations.models import Session
from deliberations.services import SessionData, session_delete, session_update
from notifications.models import Delivery

pytestmark = pytest.mark.django_db


def sign(announcement, n, **extra):
    return signup_submit(announcement=announcement, name=f"居民{n}", contact=f"1380000000{n}", **extra)


def test_announce_a_planned_session(planned, convener):
    announcement = announcement_save(session=planned, author=convener, agenda="议程", invited="居民", capacity=5)
    assert announcement.session == planned and announcement.capacity == 5 and announcement.sequence == 0


def test_a_held_session_cannot_be_announced(held, convener):
    with pytest.raises(ValidationError, match="尚未举行"):
        announcement_save(session=held, author=convener)


def test_another_rooms_convener_cannot_announce(planned, other_convener):
    with pytest.raises(PermissionDenied):
        announcement_save(session=planned, author=other_convener)


def test_deadline_after_the_start_is_refused(planned, convener):
    with pytest.raises(ValidationError) as error:
        announcement_save(
            session=planned, author=convener, signup_deadline=planned.starts_at + datetime.timedelta(hours=1)
        )
    assert "报名截止时间不能晚于活动开始时间" in str(error.value)


def test_capacity_then_waiting_list_then_full(announcement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first, second, third = sign(announcement, 1), sign(announcement, 2), sign(announcement, 3)
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    assert waitlist_position(third) == 1
    with pytest.raises(ValidationError, match="名额已满"):
        sign(announcement, 4)
    # each got a confirmation with their own link, by SMS (a mobile number)
    assert Delivery.objects.filter(channel="sms").count() == 3
    assert signup_token(first) in Delivery.objects.get(address="13800000001").body


def test_duplicate_contact_is_refused_with_the_field(announcement):
    sign(announcement, 1)
    with pytest.raises(ValidationError) as error:
        signup_submit(announcement=announcement, name="另一人", contact="138-0000-0001")
    assert "已经报过名" in error.value.message_dict["contact"][0]


def test_cancelling_promotes_the_first_waiting(announcement):
    first, _second, third = sign(announcement, 1), sign(announcement, 2), sign(announcement, 3)
    signup_cancel(signup=first)
    third.refresh_from_db()
    assert third.status == SignUp.Status.CONFIRMED and third.promoted_at is not None
    assert Delivery.objects.filter(address="13800000003", subject="候补转为正式报名").exists()
    # the cancelled contact may sign up again (and waits now)
    assert sign(announcement, 1).status == SignUp.Status.WAITLISTED


def test_a_larger_capacity_moves_the_waiting_up(announcement, convener):
    sign(announcement, 1), sign(announcement, 2)
    waiting = sign(announcement, 3)
    announcement_save(session=announcement.session, author=convener, capacity=3, waitlist_size=1)
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("past", "已经开始或结束"),
        ("deadline", "报名已于"),
        ("cancelled", "已取消"),
        ("no_signup", "不接受网上报名"),
    ],
)
def test_closed_signups_say_why(announcement, convener, change, message):
    if change == "past":
        Announcement.objects.filter(pk=announcement.pk).update()
        announcement.session.starts_at = timezone.now() - datetime.timedelta(hours=1)
        announcement.session.save()
    elif change == "deadline":
        announcement.signup_deadline = timezone.now() - datetime.timedelta(minutes=1)
        announcement.save()
    elif change == "cancelled":
        announcement_cancel(announcement=announcement, author=convener)
    else:
        announcement.capacity = 0
        announcement.save()
    with pytest.raises(ValidationError, match=message):
        sign(announcement, 1)


@pytest.mark.parametrize("contact", ["12345", "abc@", "1234567890123", ""])
def test_contact_must_be_a_mobile_or_an_email(contact):
    with pytest.raises(ValidationError):
        contact_address(contact)


def test_contacts_are_normalised():
    assert contact_address("+86 138-0000-0001") == ("sms", "13800000001")
    assert contact_address(" Li@Example.COM ") == ("email", "li@example.com")


def test_a_tampered_token_is_refused(announcement):
    signup = sign(announcement, 1)
    assert signup_for_token(signup_token(signup)) == signup
    with pytest.raises(InvalidLinkError):
        signup_for_token(signup_token(signup) + "x")
    with pytest.raises(InvalidLinkError):
        signup_for_token(str(signup.pk))


def test_cancel_bumps_the_sequence_and_tells_everyone(announcement, convener):
    sign(announcement, 1), sign(announcement, 3)
    announcement_cancel(announcement=announcement, author=convener, reason="场地维修")
    announcement.refresh_from_db()
    assert announcement.is_cancelled and announcement.sequence == 1
    told = Delivery.objects.filter(subject="议事活动取消通知")
    assert told.count() == 2 and "场地维修" in told.first().body


def test_moving_the_session_updates_the_calendar_and_tells_those_signed_up(announcement, convener):
    sign(announcement, 1)
    session = announcement.session
    data = SessionData(
        topic=session.topic,
        starts_at=session.starts_at + datetime.timedelta(days=1),
        status=Session.Status.PLANNED,
        place="社区活动中心二楼",
    )
    session_update(session=session, author=convener, data=data)
    announcement.refresh_from_db()
    assert announcement.sequence == 1
    moved = Delivery.objects.get(subject="议事活动时间地点变更")
    assert "社区活动中心二楼" in moved.body and "社区议事厅" in moved.body
    # saving again without a change of time or place tells nobody again
    session_update(session=session, author=convener, data=data)
    announcement.refresh_from_db()
    assert announcement.sequence == 1


def test_deleting_an_announced_session_tells_those_signed_up(announcement, convener):
    sign(announcement, 1)
    session_delete(session=announcement.session, author=convener)
    assert Delivery.objects.filter(subject="议事活动取消通知", address="13800000001").exists()


def test_convener_messages_the_signed_up(announcement, convener, other_convener):
    sign(announcement, 1), sign(announcement, 2), sign(announcement, 3)
    assert (
        signups_message(
            announcement=announcement, author=convener, subject="提醒", body="明天见", include_waitlisted=False
        )
        == 2
    )
    assert signups_message(announcement=announcement, author=convener, subject="提醒", body="明天见") == 3
    with pytest.raises(PermissionDenied):
        signups_message(announcement=announcement, author=other_convener, subject="提醒", body="明天见")
    with pytest.raises(ValidationError):
        signups_message(announcement=announcement, author=convener, subject="", body="")


# ---- 结果公示 ----


def test_working_days_skip_weekends_and_holidays():
    assert period_end(datetime.date(2020, 8, 24), 5) == datetime.date(2020, 8, 28)  # Mon → Fri
    assert period_end(datetime.date(2020, 8, 27), 5) == datetime.date(2020, 9, 2)  # Thu → next Wed
    assert period_end(datetime.date(2020, 8, 29), 1) == datetime.date(2020, 8, 31)  # Saturday → Monday
    # National Day 2020: 1–8 October off, Sunday 27 September and Saturday 10 October worked
    assert is_workday(datetime.date(2020, 9, 27)) and not is_workday(datetime.date(2020, 10, 5))
    assert period_end(datetime.date(2020, 9, 29), 5) == datetime.date(2020, 10, 12)
    # a year the holiday calendar does not know yet counts Monday to Friday
    assert period_end(datetime.date(2031, 3, 3), 5) == datetime.date(2031, 3, 7)


def test_publish_a_held_sessions_result(held, convener):
    notice = result_publish(session=held, author=convener, today=datetime.date(2020, 8, 24))
    assert notice.text == held.consensus and notice.ends_on == datetime.date(2020, 8, 28)
    with pytest.raises(ValidationError, match="已经公示过"):
        result_publish(session=held, author=convener)


def test_a_planned_session_has_no_result_to_publish(planned, convener):
    with pytest.raises(ValidationError, match="举行后"):
        result_publish(session=planned, author=convener)


@pytest.mark.parametrize("days", [0, 31, "x"])
def test_the_period_must_be_1_to_30_working_days(held, convener, days):
    with pytest.raises(ValidationError):
        result_publish(session=held, author=convener, working_days=days)


def test_comments_wait_for_approval_then_get_an_answer(notice, convener, other_convener):
    comment = comment_submit(notice=notice, body="希望先征求低楼层住户意见", contact="13900000000")
    assert comment.status == Comment.Status.PENDING
    with pytest.raises(PermissionDenied):
        comment_review(comment=comment, reviewer=other_convener, approve=True)
    comment_review(comment=comment, reviewer=convener, approve=True)
    comment_answer(comment=comment, author=convener, answer="已安排逐户走访。")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.answer == "已安排逐户走访。"


def test_answering_a_pending_comment_publishes_it(notice, convener):
    comment = comment_submit(notice=notice, body="意见")
    comment_answer(comment=comment, author=convener, answer="答复")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_a_comment_after_the_period_is_refused(notice):
    with pytest.raises(ValidationError, match="公示期已于"):
        comment_submit(notice=notice, body="迟到的意见", today=notice.ends_on + datetime.timedelta(days=1))
    assert comment_submit(notice=notice, body="最后一天", today=notice.ends_on).pk


def test_an_empty_comment_is_refused(notice):
    with pytest.raises(ValidationError) as error:
        comment_submit(notice=notice, body="   ")
    assert "body" in error.value.message_dict


def test_the_day_before_those_signed_up_are_reminded_once(announcement):
    first, second, waiting = sign(announcement, 1), sign(announcement, 2), sign(announcement, 3)
    day_before = timezone.localtime(announcement.session.starts_at).date() - datetime.timedelta(days=1)
    assert signup_reminders_send(today=day_before - datetime.timedelta(days=1)) == 0  # two days before
    assert signup_reminders_send(today=day_before) == 2  # the confirmed ones, not the waiting one
    assert signup_reminders_send(today=day_before) == 0  # once only
    reminded = set(Delivery.objects.filter(subject="议事活动明天举行").values_list("address", flat=True))
    assert reminded == {first.contact, second.contact} and waiting.contact not in reminded


def test_send_reminders_command_reminds_those_signed_up(announcement):
    sign(announcement, 1)
    day_before = timezone.localtime(announcement.session.starts_at).date() - datetime.timedelta(days=1)
    out = StringIO()
    call_command("send_reminders", date=day_before.isoformat(), stdout=out)
    assert "报名居民活动前一天提醒 1 条" in out.getvalue()
