"""The warm-up filings `extract` parses before forking its workers read as what they
stand for (so they build the cover, item, exhibit and signature readers and the
HTML layout), and a warm-up never raises."""

from __future__ import annotations

import pytest
from eightk.bulk import warm
from eightk.pipeline import parse_bytes


@pytest.mark.parametrize("data, shape", [(warm._TEXT_SUBMISSION, "submission"),
                                         (warm._HTML_8K, "html")])
def test_warm_up_filings_read_in_full(data, shape):
    filing = parse_bytes(data, "warm").filing
    assert filing.source.shape == shape
    assert [i.key for i in filing.items] == ["8.01", "9.01"]
    assert [e.number.value for e in filing.exhibits] == ["99.1"]
    assert [s.name.value for s in filing.signatures if s.name] == ["Jane Example"]
    assert filing.cover is not None and filing.cover.date_of_report is not None
    assert [r.name.value for r in filing.cover.registrants if r.name] == ["EXAMPLE WIDGETS INC."]


def test_warm_up_never_raises(monkeypatch):
    def broken(data, path=None):
        raise RuntimeError("broken")

    monkeypatch.setattr("eightk.pipeline.parse_bytes", broken)
    warm.warm()
