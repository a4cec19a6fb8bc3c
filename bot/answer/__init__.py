"""Answering questions about what the bot has read: pure logic, no SQL, no Telegram.

``answer_question(text, knowledge)`` types the question (``questions``),
retrieves and scores stored facts (``scoring``), renders the chosen one
(``compose``) and falls back to the best sentence (``passages``); the store
is reached only through the ``Knowledge`` protocol (``knowledge``).
"""

from bot.answer.engine import Answer, Evidence, answer_question
from bot.answer.knowledge import Knowledge, StoreKnowledge

__all__ = ["Answer", "Evidence", "Knowledge", "StoreKnowledge", "answer_question"]
