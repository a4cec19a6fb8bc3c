"""The command registry, templates and seeds are consistent with each other."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from jinja2 import TemplateSyntaxError

from bot.app import bot_commands, open_services, registered_commands
from bot.config import PROJECT_ROOT
from bot.extract import read_document
from bot.render import Renderer

TEMPLATES = PROJECT_ROOT / "config" / "templates"
COMMAND_TEXTS = yaml.safe_load((TEMPLATES / "commands.yaml").read_text(encoding="utf-8"))


def test_no_command_is_registered_twice():
    names = Counter(command.name for command in registered_commands())
    assert [name for name, n in names.items() if n > 1] == []


@pytest.mark.parametrize("command", registered_commands(), ids=lambda c: c.name)
def test_every_command_has_help_example_and_usage(command):
    texts = COMMAND_TEXTS[command.name]
    assert set(texts) == {"description", "example", "usage"}
    # Telegram's rules for BotCommand: 1-32 lower-case letters, digits, underscores;
    # a description of 1-256 characters.
    assert re.fullmatch(r"[a-z0-9_]{1,32}", command.name)
    assert 1 <= len(texts["description"]) <= 256
    assert texts["example"].startswith(f"/{command.name}")
    assert texts["usage"].startswith(f"/{command.name}")


def test_commands_yaml_has_no_orphans():
    assert set(COMMAND_TEXTS) == {command.name for command in registered_commands()}


def test_set_my_commands_lists_exactly_the_public_commands(config):
    services = open_services(config)
    try:
        published = [c.command for c in bot_commands(services)]
    finally:
        services.store.close()
    assert published == [c.name for c in registered_commands() if not c.admin]


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_every_template_parses(path):
    renderer = Renderer(TEMPLATES)
    try:
        renderer.env.get_template(path.name)
    except TemplateSyntaxError as exc:  # pragma: no cover - the message is the point
        pytest.fail(f"{path.name}: {exc}")


@pytest.mark.parametrize(
    "path", sorted((PROJECT_ROOT / "seeds").glob("*")), ids=lambda p: p.name
)
def test_every_seed_file_reads_as_a_dated_article(path):
    article = read_document(path.read_bytes(), filename=path.name)
    assert article.title and article.published and len(article.sentences) >= 3
