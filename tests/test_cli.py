"""The command line: console, ingest, facts, search, onthisday, run — as a user types them."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys

import pytest

from tests.botapi.updates import message_update
from tests.conftest import ARTICLES, ROOT, SEED_FILE


def cli_env(tmp_path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIESBOT_", "TELEGRAM_"))}
    env["TIESBOT_DATABASE"] = str(tmp_path / "cli.db")
    env.update(extra)
    return env


def run_cli(tmp_path, *args: str, stdin: str | None = None, **env: str):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(tmp_path, **env),
        cwd=ROOT,
    )


def test_console_answers_piped_lines_through_the_handlers(tmp_path):
    done = run_cli(tmp_path, stdin="/search peacekeeping\n")
    assert done.returncode == 0, done.stderr
    assert "No TELEGRAM_BOT_TOKEN set" in done.stderr
    assert (
        "This year also marks 25th anniversary of Japan sending its peacekeeping forces to "
        "Cambodia under the framework of the United Nations." in done.stdout
    )
    assert "<b>" not in done.stdout and "<i>" not in done.stdout  # tags removed
    assert "Traceback" not in done.stderr


def test_console_buttons_are_pressed_by_typing_their_label(tmp_path):
    done = run_cli(tmp_path, "console", stdin="/search japan\n>\n")
    assert done.returncode == 0, done.stderr
    assert "[▶]" in done.stdout
    assert "page 2 of" in done.stdout


def test_three_starts_leave_one_copy_of_the_seed(tmp_path):
    for _ in range(3):
        assert run_cli(tmp_path, "console", stdin="").returncode == 0
    done = run_cli(tmp_path, "search", "skytrain", "--json")
    hits = json.loads(done.stdout)
    assert len(hits) == 1
    assert set(hits[0]) == {"article_id", "title", "published", "sentence", "snippet"}
    assert hits[0]["published"] == "2017-08-14"
    assert "[skytrain]" in hits[0]["snippet"]


def test_edited_seed_file_replaces_its_earlier_version(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = seeds / "a.txt"
    seed.write_bytes(SEED_FILE.read_bytes())
    assert run_cli(tmp_path, "search", "skytrain", TIESBOT_SEEDS=str(seeds)).returncode == 0
    seed.write_text(SEED_FILE.read_text().replace("skytrain", "monorail"))
    done = run_cli(tmp_path, "search", "monorail", "--json", TIESBOT_SEEDS=str(seeds))
    assert [hit["article_id"] for hit in json.loads(done.stdout)] == [1]
    gone = run_cli(tmp_path, "search", "skytrain", "--json", TIESBOT_SEEDS=str(seeds))
    assert json.loads(gone.stdout) == []


def test_ingest_json_prints_one_object_per_article(tmp_path):
    files = sorted(ARTICLES.glob("*.txt"))[:2]
    done = run_cli(tmp_path, "ingest", *map(str, files), "--json")
    assert done.returncode == 0, done.stderr
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(objects) == 2
    for obj in objects:
        assert set(obj) == {"article", "facts"}
        assert obj["article"]["status"] == "added"
        for fact in obj["facts"]:
            assert list(fact)[:14] == [
                "id", "article_id", "kind", "date", "end_date", "precision", "actors",
                "countries", "place", "amount_usd", "amount_text", "status", "ordinal", "sentence",
            ]  # fmt: skip


def test_ingest_a_folder_with_good_and_bad_files(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Laos and Thailand open a bridge\n\nVientiane Times, 3 March 2019\n\n"
        "Prime Minister Thongloun Sisoulith visited Thailand on 1 March. "
        "The two sides signed a memorandum of understanding on trade.\n"
    )
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    done = run_cli(tmp_path, "ingest", str(folder))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    assert any("good.txt: added as article 2" in line for line in lines)
    assert any(line.startswith("[") and "error:" in line and "empty.txt" in line for line in lines)
    assert any("error:" in line and "binary.txt" in line for line in lines)
    facts = json.loads(run_cli(tmp_path, "facts", "--json").stdout)
    assert {fact["article_id"] for fact in facts} == {1, 2}


def test_facts_json_and_kind_filter(tmp_path):
    facts = json.loads(run_cli(tmp_path, "facts", "--kind", "visit", "--json").stdout)
    assert facts and {fact["kind"] for fact in facts} == {"visit"}
    readable = run_cli(tmp_path, "facts", "--kind", "request").stdout
    assert "skytrain" in readable


def test_onthisday_prints_the_reminder_items(tmp_path):
    items = json.loads(run_cli(tmp_path, "onthisday", "2026-08-07", "--json").stdout)
    assert [item["years_ago"] for item in items] == [9]
    assert items[0]["text"].startswith("9 years ago (2017)")
    bad = run_cli(tmp_path, "onthisday", "2026-02-30")
    assert bad.returncode == 1 and "not a date" in bad.stderr and "Traceback" not in bad.stderr


def test_export_then_ingest_round_trip(tmp_path):
    out = tmp_path / "export"
    assert run_cli(tmp_path, "export", str(out)).returncode == 0
    fresh = tmp_path / "fresh"
    done = run_cli(fresh, "ingest", str(out), "--json", TIESBOT_SEEDS=str(tmp_path / "no-seeds"))
    [obj] = [json.loads(line) for line in done.stdout.splitlines()]
    assert obj["article"]["title"] == "New Momentum in Cambodia-Japan Ties"
    assert obj["article"]["published"] == "2017-08-14"


async def test_run_with_a_token_polls_the_configured_api(botapi, tmp_path):
    """`python -m bot run` with TELEGRAM_BOT_TOKEN and TIESBOT_API_URL, as a real process."""
    env = cli_env(tmp_path, TELEGRAM_BOT_TOKEN=botapi.token, TIESBOT_API_URL=botapi.base_url)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await botapi.wait_for("deleteWebhook", timeout=60)  # polling starts next
        assert [c.method for c in botapi.calls][:1] == ["getMe"]
        assert botapi.calls_of("setMyCommands")
        [reply] = await botapi.request_reply(message_update("/search skytrain"), timeout=30)
        assert "skytrain" in reply["text"]
        [group] = await botapi.request_reply(
            message_update("/start@tiesbot_test_bot", chat_type="group", chat_id=-5), timeout=30
        )
        assert group["text"].startswith("👋")
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert "Application started" in log
    assert botapi.token not in log and botapi.token.split(":")[1] not in log.replace("abc", "")


def _cli_commands() -> list[str]:
    from bot.cli import build_parser

    parser = build_parser()
    [sub] = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return sorted(sub.choices)


def test_the_interface_others_rely_on_is_all_there():
    assert set(_cli_commands()) >= {
        "run", "console", "ingest", "facts", "search", "ask", "onthisday", "export"
    }  # fmt: skip


@pytest.mark.parametrize("command", _cli_commands())
def test_every_cli_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text()
    assert f"`{command}" in readme


def test_console_takes_a_pasted_article_after_addseed(tmp_path):
    article = (
        "/addseed Laos and Thailand sign power deal\\\n\\\nVientiane Times, 3 March 2019\\\n\\\n"
        "Thai Prime Minister Prayut Chan-o-cha paid an official visit to Laos on 1-2 March.\n"
        ">\n"  # not a button label here: asked as a question, answered politely
        "✅ Publish\n/visits laos\n"
    )
    done = run_cli(tmp_path, "console", stdin=article)
    assert done.returncode == 0, done.stderr
    assert "👀 Preview — nothing is stored until you press Publish." in done.stdout
    assert "✅ Published as article 2: Laos and Thailand sign power deal" in done.stdout
    assert "1–2 March 2019 Prayut Chan-o-cha → Laos · official visit" in done.stdout
