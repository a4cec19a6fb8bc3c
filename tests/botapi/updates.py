"""Builders for the Update JSON that Telegram sends, shaped so PTB parses them like real ones.

Tests push these into :class:`~botapi.server.FakeBotAPI`; the bot then receives them over a real
``getUpdates`` long poll. The builders are plain functions returning dicts, so a test can still
tweak any field before pushing. ``update_id`` is left out on purpose: the server assigns it.

Message ids are left as None unless given: the server numbers pushed messages per chat, in
the same sequence as the bot's own messages, exactly as Telegram does, and writes the id into
the dict when it is pushed.
"""

from __future__ import annotations

import itertools
import time
from typing import Any, Final, Literal

from .html import utf16_len

__all__ = [
    "ANONYMOUS_ADMIN",
    "CHANNEL_BOT",
    "DEFAULT_BOT_USERNAME",
    "DEFAULT_TOKEN",
    "MISSING",
    "bot_user",
    "callback_query_update",
    "channel_post_update",
    "chat",
    "chat_member",
    "chat_member_update",
    "document",
    "edited_message_update",
    "forward_origin_channel",
    "forward_origin_hidden_user",
    "forward_origin_user",
    "inline_query_update",
    "message",
    "message_update",
    "migrate_message_update",
    "my_chat_member_update",
    "user",
]

DEFAULT_TOKEN: Final = "123:abc"
DEFAULT_BOT_USERNAME: Final = "tiesbot_test_bot"
DEFAULT_USER_ID: Final = 1001
DEFAULT_GROUP_ID: Final = -4001
DEFAULT_SUPERGROUP_ID: Final = -1001234567890
DEFAULT_CHANNEL_ID: Final = -1009876543210

#: What Telegram puts in ``from`` when an anonymous group admin writes (sender_chat = the group).
ANONYMOUS_ADMIN: Final[dict[str, Any]] = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
#: What Telegram puts in ``from`` for a message sent on behalf of a channel.
CHANNEL_BOT: Final[dict[str, Any]] = {
    "id": 136817688,
    "is_bot": True,
    "first_name": "Channel",
    "username": "Channel_Bot",
}

ChatType = Literal["private", "group", "supergroup", "channel"]


class _Missing:
    """Sentinel type: "leave this field out of the JSON" (distinct from None = use a default)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


#: Pass as ``from_=MISSING`` to build a message without a ``from`` field.
MISSING: Final = _Missing()

_query_ids = itertools.count(1)
_file_ids = itertools.count(1)


def _now() -> int:
    """Telegram dates are whole Unix seconds."""
    return int(time.time())


def user(
    user_id: int = DEFAULT_USER_ID,
    *,
    first_name: str = "Alice",
    username: str | None = "alice",
    last_name: str | None = None,
    language_code: str | None = "en",
    is_bot: bool = False,
) -> dict[str, Any]:
    """A User object; optional fields are omitted when None, as Telegram omits them."""
    data: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name is not None:
        data["last_name"] = last_name
    if username is not None:
        data["username"] = username
    if language_code is not None:
        data["language_code"] = language_code
    return data


def bot_user(
    token: str = DEFAULT_TOKEN, username: str = DEFAULT_BOT_USERNAME, first_name: str = "Tiesbot"
) -> dict[str, Any]:
    """The bot's own User object; its id is the number before the colon of the token."""
    return {
        "id": int(token.split(":", 1)[0]),
        "is_bot": True,
        "first_name": first_name,
        "username": username,
    }


def chat(
    chat_id: int,
    chat_type: ChatType | None = None,
    *,
    title: str | None = None,
    username: str | None = None,
    first_name: str | None = None,
) -> dict[str, Any]:
    """A Chat object; the type defaults from the id (>0 private, -100… supergroup, else group)."""
    if chat_type is None:
        if chat_id > 0:
            chat_type = "private"
        elif str(chat_id).startswith("-100"):
            chat_type = "supergroup"
        else:
            chat_type = "group"
    data: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        data["first_name"] = first_name or "Alice"
    else:
        data["title"] = title or {"group": "Test Group", "supergroup": "Test Supergroup"}.get(
            chat_type, "Test Channel"
        )
    if username is not None:
        data["username"] = username
    return data


def _default_chat_id(chat_type: ChatType, user_id: int) -> int:
    """Private chats share the user's id; groups get fixed negative ids."""
    return {
        "private": user_id,
        "group": DEFAULT_GROUP_ID,
        "supergroup": DEFAULT_SUPERGROUP_ID,
        "channel": DEFAULT_CHANNEL_ID,
    }[chat_type]


def _command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram adds for a leading ``/cmd`` or ``/cmd@BotName``."""
    if not text.startswith("/"):
        return []
    end = 1
    while end < len(text) and not text[end].isspace():
        end += 1
    command = text[:end]
    name, _, bot_name = command[1:].partition("@")
    if (
        not name
        or len(name) > 32
        or not all(c.isascii() and (c.isalnum() or c == "_") for c in name)
    ):
        return []
    if bot_name and not all(c.isascii() and (c.isalnum() or c == "_") for c in bot_name):
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]


def document(
    file_id: str | None = None,
    *,
    file_name: str = "article.txt",
    mime_type: str = "text/plain",
    file_size: int = 0,
    file_unique_id: str | None = None,
) -> dict[str, Any]:
    """A Document object. Prefer ``server.add_file(...)``, which returns one that downloads."""
    number = next(_file_ids)
    return {
        "file_id": file_id or f"DOC-{number}",
        "file_unique_id": file_unique_id or f"UDOC-{number}",
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": file_size,
    }


def forward_origin_user(sender: dict[str, Any], *, date: int | None = None) -> dict[str, Any]:
    """MessageOriginUser: forwarded from a user who allows linking to their account."""
    return {"type": "user", "date": date or _now(), "sender_user": sender}


def forward_origin_hidden_user(name: str, *, date: int | None = None) -> dict[str, Any]:
    """MessageOriginHiddenUser: forwarded from a user who hides their account."""
    return {"type": "hidden_user", "date": date or _now(), "sender_user_name": name}


def forward_origin_channel(
    channel: dict[str, Any], message_id: int, *, date: int | None = None
) -> dict[str, Any]:
    """MessageOriginChannel: forwarded from a channel post."""
    return {"type": "channel", "date": date or _now(), "chat": channel, "message_id": message_id}


def message(
    text: str = "",
    *,
    chat_id: int | None = None,
    chat_type: ChatType = "private",
    chat_title: str | None = None,
    chat_username: str | None = None,
    user_id: int = DEFAULT_USER_ID,
    username: str | None = "alice",
    first_name: str = "Alice",
    from_: dict[str, Any] | None | _Missing = None,
    sender_chat: dict[str, Any] | None = None,
    anonymous_admin: bool = False,
    reply_to: dict[str, Any] | None = None,
    forward_origin: dict[str, Any] | None = None,
    document: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    message_id: int | None = None,
    date: int | None = None,
    message_thread_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A Message object as a user (or anonymous admin, or channel) would send it.

    ``from_``: None builds the sender from user_id/username/first_name, a dict is used as is,
    MISSING leaves ``from`` out. With a ``document`` the text becomes the caption. Entities
    default to a bot_command entity for a leading command, as Telegram computes it.
    """
    if chat_id is None:
        chat_id = _default_chat_id(chat_type, user_id)
    the_chat = chat(
        chat_id,
        chat_type,
        title=chat_title,
        username=chat_username if chat_type != "private" else username,
        first_name=first_name,
    )
    data: dict[str, Any] = {
        "message_id": message_id,  # None: the server assigns the next id in the chat
        "date": date if date is not None else _now(),
        "chat": the_chat,
    }
    if anonymous_admin:
        sender_chat = the_chat
    if from_ is None:
        if sender_chat is not None:
            from_ = ANONYMOUS_ADMIN if sender_chat.get("id") == chat_id else CHANNEL_BOT
        else:
            from_ = user(user_id, first_name=first_name, username=username)
    if not isinstance(from_, _Missing):
        data["from"] = from_
    if sender_chat is not None:
        data["sender_chat"] = sender_chat
    if message_thread_id is not None:
        data["message_thread_id"] = message_thread_id
        data["is_topic_message"] = True
    if forward_origin is not None:
        data["forward_origin"] = forward_origin
    if reply_to is not None:
        data["reply_to_message"] = reply_to
    text_key, entities_key = ("caption", "caption_entities") if document else ("text", "entities")
    if document is not None:
        data["document"] = document
    if text:  # Telegram never sends an empty text; service messages have none at all.
        data[text_key] = text
        computed = _command_entities(text) if entities is None else entities
        if computed:
            data[entities_key] = computed
    if extra:
        data.update(extra)
    return data


def message_update(text: str = "", **kwargs: Any) -> dict[str, Any]:
    """An Update with a new ``message``; keyword arguments as for :func:`message`."""
    return {"message": message(text, **kwargs)}


def edited_message_update(
    text: str, *, message_id: int, edit_date: int | None = None, **kwargs: Any
) -> dict[str, Any]:
    """An Update with ``edited_message``: the same message_id with new text and an edit_date."""
    edited = message(text, message_id=message_id, **kwargs)
    edited["edit_date"] = edit_date or _now()
    return {"edited_message": edited}


def channel_post_update(
    text: str,
    *,
    chat_id: int = DEFAULT_CHANNEL_ID,
    title: str = "Test Channel",
    username: str | None = None,
    author_signature: str | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """An Update with ``channel_post``: no ``from``, sender_chat is the channel itself."""
    channel = chat(chat_id, "channel", title=title, username=username)
    post = message(
        text,
        chat_id=chat_id,
        chat_type="channel",
        chat_title=title,
        chat_username=username,
        from_=MISSING,
        **kwargs,
    )
    post["sender_chat"] = channel
    if author_signature is not None:
        post["author_signature"] = author_signature
    return {"channel_post": post}


def callback_query_update(
    data: str,
    *,
    message: dict[str, Any] | None = None,
    inline_message_id: str | None = None,
    user_id: int = DEFAULT_USER_ID,
    username: str | None = "alice",
    first_name: str = "Alice",
    query_id: str | None = None,
    chat_instance: str = "-4242424242",
) -> dict[str, Any]:
    """An Update with a ``callback_query`` for a button on ``message`` (a message the bot sent).

    Pass the ``result`` of the bot's sendMessage (e.g. ``server.last_message(chat_id)``) so the
    bot can edit it; the server answers answerCallbackQuery only for ids it delivered.
    """
    query: dict[str, Any] = {
        "id": query_id or f"{user_id}{next(_query_ids):08d}",
        "from": user(user_id, first_name=first_name, username=username),
        "chat_instance": chat_instance,
        "data": data,
    }
    if message is not None:
        query["message"] = message
    if inline_message_id is not None:
        query["inline_message_id"] = inline_message_id
    return {"callback_query": query}


def inline_query_update(
    query: str,
    *,
    user_id: int = DEFAULT_USER_ID,
    username: str | None = "alice",
    first_name: str = "Alice",
    offset: str = "",
    chat_type: str | None = "sender",
    query_id: str | None = None,
) -> dict[str, Any]:
    """An Update with an ``inline_query`` (``@bot query`` typed in some chat)."""
    inline: dict[str, Any] = {
        "id": query_id or f"{user_id}{next(_query_ids):08d}",
        "from": user(user_id, first_name=first_name, username=username),
        "query": query,
        "offset": offset,
    }
    if chat_type is not None:
        inline["chat_type"] = chat_type
    return {"inline_query": inline}


def chat_member(member: dict[str, Any], status: str, **fields: Any) -> dict[str, Any]:
    """A ChatMember object of the given status with every field PTB requires for it."""
    data: dict[str, Any] = {"user": member, "status": status}
    if status == "creator":
        data.update(is_anonymous=False)
    elif status == "administrator":
        data.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_pin_messages=True,
        )
    elif status == "restricted":
        data.update(
            is_member=True,
            can_send_messages=False,
            can_send_audios=False,
            can_send_documents=False,
            can_send_photos=False,
            can_send_videos=False,
            can_send_video_notes=False,
            can_send_voice_notes=False,
            can_send_polls=False,
            can_send_other_messages=False,
            can_add_web_page_previews=False,
            can_change_info=False,
            can_invite_users=False,
            can_pin_messages=False,
            can_manage_topics=False,
            can_edit_tag=False,
            can_react_to_messages=False,
            until_date=0,
        )
    elif status == "kicked":
        data.update(until_date=0)
    elif status not in ("member", "left"):
        raise ValueError(f"unknown chat member status {status!r}")
    data.update(fields)
    return data


def chat_member_update(
    chat_id: int,
    old_status: str,
    new_status: str,
    *,
    member: dict[str, Any] | None = None,
    actor_id: int = DEFAULT_USER_ID,
    chat_type: ChatType | None = None,
    title: str | None = None,
    kind: Literal["my_chat_member", "chat_member"] = "chat_member",
) -> dict[str, Any]:
    """An Update where ``member`` (default: a user) changed status in a chat, done by actor_id."""
    member = member or user(DEFAULT_USER_ID + 1, first_name="Bob", username="bob")
    return {
        kind: {
            "chat": chat(chat_id, chat_type, title=title),
            "from": user(actor_id),
            "date": _now(),
            "old_chat_member": chat_member(member, old_status),
            "new_chat_member": chat_member(member, new_status),
        }
    }


def my_chat_member_update(
    chat_id: int,
    old_status: str,
    new_status: str,
    *,
    bot: dict[str, Any] | None = None,
    actor_id: int = DEFAULT_USER_ID,
    chat_type: ChatType | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """An Update where the bot itself was added, promoted, removed or blocked.

    In a private chat "kicked" means the user blocked the bot; the server then answers sends to
    that chat with 403, as Telegram does.
    """
    return chat_member_update(
        chat_id,
        old_status,
        new_status,
        member=bot or bot_user(),
        actor_id=actor_id,
        chat_type=chat_type,
        title=title,
        kind="my_chat_member",
    )


def migrate_message_update(
    old_chat_id: int,
    new_chat_id: int,
    *,
    direction: Literal["to", "from"] = "to",
    user_id: int = DEFAULT_USER_ID,
) -> dict[str, Any]:
    """The service message of a group upgraded to a supergroup.

    Telegram sends two: ``direction="to"`` is the one in the old group (``migrate_to_chat_id``),
    ``"from"`` the one in the new supergroup (``migrate_from_chat_id``). Pushing the "to" one
    makes the server answer later sends to the old id with the "upgraded" 400 error.
    """
    if direction == "to":
        return message_update(
            "",
            chat_id=old_chat_id,
            chat_type="group",
            user_id=user_id,
            extra={"migrate_to_chat_id": new_chat_id},
            entities=[],
        )
    return message_update(
        "",
        chat_id=new_chat_id,
        chat_type="supergroup",
        from_=ANONYMOUS_ADMIN,
        sender_chat=chat(new_chat_id, "supergroup"),
        extra={"migrate_from_chat_id": old_chat_id},
        entities=[],
    )
