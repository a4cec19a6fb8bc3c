"""Configuration: defaults, overrides, and one clear line for every bad setting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEFAULT_CONFIG, PROJECT_ROOT, load_config
from bot.errors import ConfigError


def test_defaults_come_from_the_shipped_yaml():
    config = load_config({})
    assert config.database == PROJECT_ROOT / "data" / "tiesbot.db"
    assert config.seeds == PROJECT_ROOT / "seeds"
    assert config.timezone == "Asia/Phnom_Penh"
    assert config.reminder_time == "09:00"
    assert config.admins == frozenset()
    assert config.api_url is None
    assert config.token is None
    assert config.limits.page_size == 5
    assert config.limits.max_document_bytes == 2 * 1024 * 1024


def test_environment_overrides(tmp_path):
    config = load_config(
        {
            "TELEGRAM_BOT_TOKEN": "123:abc",
            "TIESBOT_DATABASE": str(tmp_path / "x.db"),
            "TIESBOT_SEEDS": str(tmp_path),
            "TIESBOT_ADMINS": "12, 34,",
            "TIESBOT_API_URL": "http://127.0.0.1:8081/bot",
            "TIESBOT_TIMEZONE": "Asia/Tokyo",
        }
    )
    assert config.token == "123:abc"
    assert config.database == tmp_path / "x.db"
    assert config.seeds == tmp_path
    assert config.admins == frozenset({12, 34})
    assert config.api_url == "http://127.0.0.1:8081/bot"
    assert config.file_api_url == "http://127.0.0.1:8081/file/bot"
    assert config.timezone == "Asia/Tokyo"


def test_second_yaml_file_overrides_some_keys(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("timezone: Europe/Berlin\nlimits:\n  page_size: 3\n")
    config = load_config({"TIESBOT_CONFIG": str(extra)})
    assert config.timezone == "Europe/Berlin"
    assert config.limits.page_size == 3
    assert config.limits.max_redirects == 3  # untouched defaults stay


def test_the_token_is_never_in_the_repr():
    config = load_config({"TELEGRAM_BOT_TOKEN": "123:secretsecret"})
    assert "secretsecret" not in repr(config)


BAD_FILES = [
    ("timezone: [unclosed\n", "YAML syntax error at line"),
    ("colour: blue\n", "unknown key 'colour'"),
    ("limits:\n  speed: 3\n", "unknown key 'limits.speed'"),
    ("limits:\n  page_size: many\n", "key 'limits.page_size' must be a number"),
    ("limits:\n  page_size: true\n", "key 'limits.page_size' must be a number"),
    ("limits:\n  allow_private_urls: 1\n", "key 'limits.allow_private_urls' must be true or false"),
    ("admins: 12\n", "key 'admins' must be a list"),
    ("admins: [abc]\n", "key 'admins' must hold user ids"),
    ("timezone: Mars/Olympus\n", "key 'timezone': unknown timezone 'Mars/Olympus'"),
    ("reminder_time: '25:00'\n", "key 'reminder_time' must be HH:MM"),
    ("log_level: LOUD\n", "key 'log_level' must be one of"),
    ("api_url: ftp://x\n", "key 'api_url' must be an http(s) URL"),
    ("- just\n- a list\n", "the top level must be a mapping"),
]


@pytest.mark.parametrize(("content", "expected"), BAD_FILES)
def test_bad_config_file_names_file_and_key(tmp_path, content, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_config({"TIESBOT_CONFIG": str(path)})
    message = caught.value.message
    assert message.startswith("config error: ")
    assert expected in message
    assert "\n" not in message
    if "timezone" not in expected or "Mars" in expected:
        assert str(path) in message


def test_missing_and_unreadable_config_files(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config({"TIESBOT_CONFIG": str(tmp_path / "nope.yaml")})
    with pytest.raises(ConfigError, match="cannot read file"):
        load_config({"TIESBOT_CONFIG": str(tmp_path)})  # a folder is not a file


def test_bad_environment_values_name_the_variable():
    with pytest.raises(ConfigError, match="environment TIESBOT_TIMEZONE"):
        load_config({"TIESBOT_TIMEZONE": "Nowhere/Land"})
    with pytest.raises(ConfigError, match="environment TIESBOT_ADMINS"):
        load_config({"TIESBOT_ADMINS": "12,bob"})
    with pytest.raises(ConfigError) as caught:
        load_config({"TELEGRAM_BOT_TOKEN": "not a token with secret-part"})
    assert "secret-part" not in caught.value.message


def test_shipped_config_documents_every_key():
    """Each key of the shipped YAML has a comment line right above it."""
    lines = DEFAULT_CONFIG.read_text().splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and ":" in stripped:
            assert lines[index - 1].strip().startswith("#") or stripped == "limits:", line


def test_cli_exits_2_with_one_line_on_a_yaml_typo(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("timezone: Asia/Tokyo\nlimits: {page_size: 3\n")
    env = {**os.environ, "TIESBOT_CONFIG": str(path), "TIESBOT_DATABASE": str(tmp_path / "t.db")}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "search", "x"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(path) in lines[0] and "YAML syntax error" in lines[0]
    assert "Traceback" not in done.stderr
