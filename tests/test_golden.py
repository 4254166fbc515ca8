"""Golden files: minutes we wrote in several councils' house styles, and the record each must give.

Each ``tests/golden/<case>/`` holds ``input.txt|html|pdf|xml`` beside
``expected.json`` (the whole record, provenance spans included). To accept a
deliberate change of output, regenerate and review the diff::

    MINUTEBOOK_REGEN_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from minutebook.extract import extract_file

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def _input(case: Path) -> Path:
    (found,) = [p for p in case.iterdir() if p.stem == "input"]
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    record = extract_file(_input(case)).to_json()
    expected_path = case / "expected.json"
    if os.environ.get("MINUTEBOOK_REGEN_GOLDEN"):
        expected_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    expected = json.loads(expected_path.read_text("utf-8"))
    assert record == expected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_span_points_at_its_words(case: Path) -> None:
    """Provenance: each fact's span covers text that states it."""
    meeting = extract_file(_input(case))
    for item in meeting.items:
        facts = [
            *((a.span, a.name or a.role) for a in item.attendees),
            *((t.span, t.label) for t in item.topics),
            *((d.span, None) for d in item.decisions),
            *((u.span, None) for u in item.undertakings),
            *((v.span, v.members[0]) for v in item.recorded_votes),
            *((a.span, a.name) for a in item.apologies),
        ]
        for span, words in facts:
            assert span is not None
            covered = item.text[span.start : span.end]
            assert covered.strip(), (item.title, words)
            if words:
                last = words.replace(".", " ").split()[-1]
                assert last in covered, (words, covered)
