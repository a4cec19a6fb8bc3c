"""End to end: subscribing from groups, /onthisday, and the 7 August reminder."""

from __future__ import annotations

import datetime as dt

from bot.reminders import job_name, send_reminder
from tests.botapi.updates import message_update, migrate_message_update, my_chat_member_update

GROUP_ID = -4242
GROUP = {"chat_type": "supergroup", "chat_id": GROUP_ID, "chat_title": "Ties watchers"}
ADMIN, MEMBER = 7001, 7002


def jobs(application) -> set[str]:
    return {j.name for j in application.job_queue.jobs() if not j.removed}


async def test_group_admin_subscribes_and_a_member_is_refused(tiesbot, botapi):
    botapi.set_member_status(GROUP_ID, ADMIN, "administrator")
    botapi.set_member_status(GROUP_ID, MEMBER, "member")
    [refused] = await botapi.request_reply(message_update("/subscribe", user_id=MEMBER, **GROUP))
    assert refused["text"] == "Only the group’s administrators can change its reminders."
    assert tiesbot.bot_data["services"].store.subscription(GROUP_ID) is None

    [ok] = await botapi.request_reply(
        message_update("/subscribe 08:30 Asia/Tokyo articles", user_id=ADMIN, **GROUP)
    )
    assert ok["text"].startswith(
        "✅ This chat gets “on this day” reminders every day at <b>08:30</b> (Asia/Tokyo), "
        "and a summary of each new article.\nNext one: "
    )
    sub = tiesbot.bot_data["services"].store.subscription(GROUP_ID)
    assert (sub.time, sub.timezone, sub.articles, sub.active) == ("08:30", "Asia/Tokyo", True, True)
    assert job_name(GROUP_ID) in jobs(tiesbot)


async def test_anonymous_admin_is_accepted(tiesbot, botapi):
    [ok] = await botapi.request_reply(message_update("/subscribe", anonymous_admin=True, **GROUP))
    assert ok["text"].startswith(
        "✅ This chat gets “on this day” reminders every day at <b>09:00</b>"
    )
    assert not botapi.calls_of(
        "getChatMember"
    )  # no lookup needed: only admins can post as the group


async def test_private_chat_subscribes_without_admin_check(tiesbot, botapi):
    [ok] = await botapi.request_reply(message_update("/subscribe 7:05"))
    assert "<b>07:05</b> (Asia/Phnom_Penh)" in ok["text"]


async def test_bad_subscribe_arguments_get_the_usage_line(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/subscribe 25:99"))
    assert reply["text"] == (
        "I don’t understand “25:99”.\n"
        "Usage: /subscribe [HH:MM] [Area/City] [articles] — for example /subscribe 08:30 Asia/Tokyo"
    )
    [reply] = await botapi.request_reply(message_update("/subscribe Mars/Base"))
    assert reply["text"].startswith("I don’t understand “Mars/Base”.")


async def test_settings_and_unsubscribe(tiesbot, botapi):
    await botapi.request_reply(message_update("/subscribe"))
    [shown] = await botapi.request_reply(message_update("/settings timezone Europe/Berlin"))
    assert "Timezone: Europe/Berlin" in shown["text"] and "(updated)" in shown["text"]
    [shown] = await botapi.request_reply(message_update("/settings empty on"))
    assert "“Nothing today” line: on" in shown["text"]
    [bye] = await botapi.request_reply(message_update("/unsubscribe"))
    assert bye["text"] == "🔕 Reminders stopped for this chat. /subscribe starts them again."
    assert job_name(1001) not in jobs(tiesbot)


SEVENTH_OF_AUGUST_2026 = (
    "📅 <b>On this day, 7 August</b>\n\n"
    "• 9 years ago (2017): state visit — Hun Sen → Japan, 7–9 August 2017 (3rd)\n"
    "  <i>— New Momentum in Cambodia-Japan Ties, The Khmer Times, 14 August 2017</i>"
)


async def test_reminder_for_7_august_2026_and_onthisday_agree(tiesbot, botapi):
    await botapi.request_reply(message_update("/subscribe"))
    svc = tiesbot.bot_data["services"]
    sub = svc.store.subscription(1001)
    botapi.clear()
    assert await send_reminder(tiesbot.bot, svc, sub, dt.date(2026, 8, 7)) == "sent"
    [posted] = botapi.sent_messages(1001)
    assert posted["text"] == SEVENTH_OF_AUGUST_2026
    # The bot's "today" is in 2026, so 08-07 is the same day the reminder was for.
    [asked] = await botapi.request_reply(message_update("/onthisday 08-07"))
    assert asked["text"] == SEVENTH_OF_AUGUST_2026
    [asked] = await botapi.request_reply(message_update("/onthisday 2026-08-07"))
    assert asked["text"] == SEVENTH_OF_AUGUST_2026


async def test_onthisday_bad_date_gets_a_clear_line(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/onthisday 02-30"))
    assert "is not a date" in reply["text"]
    assert reply["text"].endswith("— for example /onthisday 08-07")


async def test_anniversaries_of_a_year(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/anniversaries 2027"))
    assert reply["text"].startswith("🎉 <b>Round anniversaries in 2027</b>")
    assert "70 years ago this year (1957)" in reply["text"]
    [bad] = await botapi.request_reply(message_update("/anniversaries soon"))
    assert bad["text"] == "Usage: /anniversaries [YEAR] — for example /anniversaries 2027"


async def test_removed_from_group_deactivates_and_added_greets(tiesbot, botapi):
    await botapi.request_reply(message_update("/subscribe", anonymous_admin=True, **GROUP))
    botapi.push_update(my_chat_member_update(GROUP_ID, "member", "kicked", chat_type="supergroup"))
    await botapi.wait_for("getUpdates", count=3)
    svc = tiesbot.bot_data["services"]
    for _ in range(50):
        if not svc.store.subscription(GROUP_ID).active:
            break
        import asyncio

        await asyncio.sleep(0.02)
    assert svc.store.subscription(GROUP_ID).active is False
    assert job_name(GROUP_ID) not in jobs(tiesbot)
    [hello] = await botapi.request_reply(
        my_chat_member_update(-777, "left", "member", chat_type="group", title="New friends")
    )
    assert hello["text"].startswith("👋 Thanks for adding me!")


async def test_migrate_service_message_moves_the_subscription(tiesbot, botapi):
    old, new = -5151, -1005151
    await botapi.request_reply(
        message_update("/subscribe", anonymous_admin=True, chat_type="group", chat_id=old)
    )
    botapi.push_update(migrate_message_update(old, new))
    svc = tiesbot.bot_data["services"]
    import asyncio

    for _ in range(100):
        if svc.store.subscription(new) is not None:
            break
        await asyncio.sleep(0.02)
    assert svc.store.subscription(old) is None
    assert svc.store.subscription(new).active is True
    assert job_name(new) in jobs(tiesbot) and job_name(old) not in jobs(tiesbot)
