"""`dragoman code`: output formats and exit codes of SPEC §1."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli

ENGLISH = ("The prime minister of Norway met the Swedish foreign minister in Oslo on Tuesday.\n\n"
           "The two discussed energy prices and border controls for an hour.\n")
FRENCH = ("Le ministre des affaires étrangères a rencontré son homologue à Paris mardi pour "
          "discuter de la sécurité dans la région et des prix de l'énergie.\n")


run = run_cli  # shared with the other command tests (conftest)


@pytest.fixture()
def articles(tmp_path):
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    return tmp_path


def test_codes_to_jsonl(monkeypatch, capsys, articles):
    code, out, err = run(monkeypatch, capsys, "code", str(articles / "en.txt"), "--published", "2024-05-07")
    assert code == 0, err
    record = json.loads(out.strip().splitlines()[0])
    assert record["published"] == "2024-05-07"
    assert record["language"] == "en"
    assert "Oslo" in record["text"]


def test_pretty_is_indented(monkeypatch, capsys, articles):
    code, out, _ = run(monkeypatch, capsys, "code", str(articles / "en.txt"), "--pretty")
    assert code == 0
    assert out.startswith("{\n  ")
    json.loads(out)


def test_table_format(monkeypatch, capsys, articles):
    code, out, _ = run(monkeypatch, capsys, "code", str(articles / "en.txt"), "--format", "table")
    assert code == 0
    assert "Events" in out and "Actors" in out


def test_non_english_is_skipped_and_the_rest_coded(monkeypatch, capsys, articles):
    code, out, err = run(monkeypatch, capsys, "code", str(articles / "fr.txt"), str(articles / "en.txt"))
    assert code == 3
    assert f"dragoman: skipped {articles / 'fr.txt'}: language fr is not supported" in err
    assert len(out.strip().splitlines()) == 1


def test_missing_path_is_skipped(monkeypatch, capsys, articles):
    code, out, err = run(monkeypatch, capsys, "code", str(articles / "nope.txt"), str(articles / "en.txt"))
    assert code == 3
    assert "no such file" in err
    assert len(out.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["code", "x.txt", "--published", "2024-13-40"],
                                  ["code", "x.txt", "--no-such-option"],
                                  ["code"]])
def test_bad_usage_exits_2(monkeypatch, capsys, args):
    code, _, err = run(monkeypatch, capsys, *args)
    assert code == 2
    assert "Traceback" not in err


def test_internal_error_exits_1_without_traceback(monkeypatch, capsys, articles):
    from dragoman import pipeline

    def boom(self, doc, parsed):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(pipeline.Coder, "annotate", boom)
    code, _, err = run(monkeypatch, capsys, "code", str(articles / "en.txt"))
    assert code == 1
    assert "internal error" in err and "Traceback" not in err


def test_python_api_matches_cli(articles):
    import dragoman

    doc = dragoman.code(ENGLISH, published="2024-05-07")
    assert doc.to_dict()["text"].startswith("The prime minister")
    docs = list(dragoman.code_many([ENGLISH, FRENCH, {"text": ENGLISH, "id": "n1"}]))
    assert [d.id for d in docs][1] == "n1"
    assert len(docs) == 2


# --- habits of users (issue 12 part 9): -h, --version, --quiet -------------------------------

@pytest.mark.parametrize("args", [["-h"], ["--help"], ["code", "-h"], ["ingest", "-h"], ["events", "-h"]])
def test_h_is_help_everywhere(monkeypatch, capsys, args):
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 0, err
    assert "Usage:" in out and "-h" in out


def test_version_prints_package_and_coder_version(monkeypatch, capsys):
    import dragoman
    from dragoman.version import coder_version

    code, out, err = run(monkeypatch, capsys, "--version")
    assert code == 0, err
    assert out.strip() == f"dragoman {dragoman.__version__} (coder {coder_version()})"


@pytest.mark.parametrize("where", ["global", "command"])
def test_quiet_hides_skip_lines_but_keeps_exit_status(monkeypatch, capsys, articles, where):
    args = ["code", str(articles / "en.txt"), str(articles / "missing.txt")]
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 3 and "missing.txt" in err
    args = ["--quiet", *args] if where == "global" else [*args, "-q"]
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 3
    assert err == ""
    assert len(out.strip().splitlines()) == 1  # the English article is still coded


def test_quiet_does_not_hide_errors(monkeypatch, capsys, tmp_path):
    code, _, err = run(monkeypatch, capsys, "--quiet", "events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no such store" in err


def test_quiet_is_reset_between_runs(monkeypatch, capsys, articles):
    run(monkeypatch, capsys, "--quiet", "code", str(articles / "missing.txt"))
    code, _, err = run(monkeypatch, capsys, "code", str(articles / "missing.txt"))
    assert code == 3 and "missing.txt" in err
