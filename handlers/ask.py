"""/ask QUESTION, and plain questions: in private chats any text, in groups
when the bot is mentioned or replied to."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType, MessageEntityType
from telegram.ext import BaseHandler, ContextTypes, MessageHandler, filters

from bot.answer import StoreKnowledge, answer_question
from bot.errors import UsageError
from bot.services import services
from handlers.base import Command, args_text, reply_template

MAX_QUESTION_CHARS = 500


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    svc = services(context)
    result = answer_question(question[:MAX_QUESTION_CHARS], StoreKnowledge(svc.store))
    await reply_template(update, context, "answer", answer=result)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the question after /ask."""
    question = args_text(context)
    if not question:
        raise UsageError("ask")
    await answer(update, context, question)


def addressed_to_bot(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The question in a group message meant for the bot, else None.

    Meant for the bot: it mentions @bot (the mention is cut out of the
    question) or it replies to one of the bot's messages.
    """
    text = message.text or ""
    mention = f"@{bot_username}".lower()
    for entity in message.entities or ():
        if entity.type == MessageEntityType.MENTION:
            name = message.parse_entity(entity)
            if name.lower() == mention:
                return (text[: entity.offset] + text[entity.offset + entity.length :]).strip(" ,:")
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return text
    return None


async def free_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Treat a plain message as a question where it is clearly meant for us."""
    message = update.effective_message
    if message.chat.type == ChatType.PRIVATE:
        question = message.text
    else:
        question = addressed_to_bot(message, context.bot.username, context.bot.id)
    if question and question.strip():
        await answer(update, context, question.strip())


COMMANDS = [Command("ask", ask)]
# Only new messages: an edited question would otherwise be answered twice.
HANDLERS: list[BaseHandler] = [
    MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, free_text)
]
