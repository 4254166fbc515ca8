"""Bad input through the real CLI: one ``Error: FILE: reason`` line each, no traceback.

Every case runs ``minutebook extract`` (the click command, and once as a
separate process) on files written here: empty, binary, a page that is not
minutes, a scanned PDF, unreadable paths. Good files given in the same call
are still printed, and the exit code is 1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from minutebook.cli import main
from pdfgen import encrypted_pdf, scanned_pdf, text_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "convert"
GOOD_TITLE = "Attendance of the Portfolio Holder for Children's Services (Lead Member)"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"

# name -> (content, reason the CLI must print)
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank lines.txt": (b"\n  \r\n\t\n", "empty file"),
    "logo.png": (PNG + bytes(range(256)), "binary file, not minutes text, HTML, XML or PDF"),
    "home.html": (
        (FIXTURES / "council_home.html").read_bytes(),
        "not minutes: no sign of minutes or council business",
    ),
    "missing-page.html": (
        (FIXTURES / "not_found.html").read_bytes(),
        "not minutes: an error page ('Page not found')",
    ),
    "login.aspx": ((FIXTURES / "login.html").read_bytes(), "not minutes: a login page"),
    "scan.pdf": (scanned_pdf(), "no text layer (scanned images?)"),
    "locked.pdf": (encrypted_pdf(), "encrypted PDF (needs a password)"),
    "broken.pdf": (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog",
        "corrupt or truncated PDF (data format error)",
    ),
    "committees.xml": (
        b"<?xml version='1.0'?><committees><committee><committeeid>7</committeeid>"
        b"<committeetitle>Cabinet</committeetitle></committee></committees>",
        "ModernGov XML holding a list of committees (GetCommittees), not minutes",
    ),
    "meeting.xml": (
        b"<?xml version='1.0'?>\n<meeting>\n<agendaitems>\n</meeting>\n",
        "malformed XML at line 4: Opening and ending tag mismatch: agendaitems line 3 and meeting",
    ),
}


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, ["extract", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good item.html"
    shutil.copy(FIXTURES / "mgai_item.html", path)
    return path


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_one_error_line(tmp_path: Path, name: str) -> None:
    content, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: {reason}\n"


def test_missing_path_and_directory(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-minutes.pdf"
    result = run(str(missing), str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {missing}: no such file",
        f"Error: {tmp_path}: is a directory",
    ]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("RESOLVED that the report be noted.")
    path.chmod(0)
    try:
        result = run(str(path))
    finally:
        path.chmod(0o600)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: permission denied\n"


def test_good_file_is_printed_beside_the_bad_ones(tmp_path: Path, good: Path) -> None:
    paths = []
    for name, (content, _) in BAD.items():
        path = tmp_path / name
        path.write_bytes(content)
        paths.append(path)
    missing = tmp_path / "gone.html"
    result = run("--json", str(paths[0]), str(good), *map(str, paths[1:]), str(missing))
    assert result.exit_code == 1
    expected = [f"Error: {p}: {BAD[p.name][1]}" for p in paths] + [
        f"Error: {missing}: no such file"
    ]
    assert result.stderr.splitlines() == expected
    meetings = json.loads(result.stdout)
    assert len(meetings) == 1
    assert GOOD_TITLE in [item["title"] for item in meetings[0]["items"]]


def test_good_file_alone_succeeds_quietly(good: Path) -> None:
    result = run("--json", str(good))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert GOOD_TITLE in [item["title"] for item in json.loads(result.stdout)["items"]]


def test_as_a_process_stderr_is_one_line_per_bad_file(tmp_path: Path, good: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf(3))
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(
        text_pdf([["Licensing Sub-Committee", "RESOLVED that the licence be granted."]])
    )
    code = "from minutebook.cli import main; main()"
    proc = subprocess.run(
        [sys.executable, "-c", code, "extract", str(scan), str(good), str(empty), str(minutes)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr == (
        f"Error: {scan}: no text layer (scanned images?)\nError: {empty}: empty file\n"
    )
    assert proc.stdout.strip()
