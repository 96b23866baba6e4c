"""Forms as data: loading forms/*.toml and rejecting broken form files clearly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from petitiondesk.paths import FORMS_DIR
from petitiondesk.printing.formload import load_form, parse_form
from petitiondesk.printing.formspec import FormSpecError, render_template, template_keys
from petitiondesk.printing.ledgerspec import load_ledger

SLIP_KEYS = {
    "office_name", "letterhead", "register_no", "received_at", "channel", "name", "sex",
    "id_number", "phone", "address", "work_unit", "people_count", "representatives",
    "category", "place", "summary", "demands", "receiving_officer", "duty_leader",
    "handling_opinion", "result", "flags", "printed_at", "secrecy_mark",
}  # fmt: skip


def minimal(**overrides: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "id": "mini",
        "title": "测试单",
        "columns": 4,
        "rows": [{"cells": [{"label": "姓名", "field": "name", "span": 4}]}],
    }
    form.update(overrides)
    return form


def test_registration_slip_loads_with_all_documented_keys() -> None:
    spec = load_form("registration_slip")
    assert spec.id == "registration_slip"
    assert spec.title == "来访登记单"
    assert spec.page_size == "A4" and spec.page_size_mm == (210.0, 297.0)
    assert set(spec.fields) == SLIP_KEYS
    assert spec.header.number_line == "登记号：{register_no}"
    for row in spec.rows:
        assert sum(cell.span for cell in row.cells) == spec.columns
    summary = next(c for r in spec.rows for c in r.cells if c.field == "summary")
    assert summary.multiline and summary.min_height_mm >= 50


def test_every_form_file_in_forms_dir_is_valid() -> None:
    for path in FORMS_DIR.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if "[[rows]]" in text or "[[cards]]" in text:  # ledgers have their own loader
            assert load_form(path.stem).id == path.stem
        else:
            assert load_ledger(path.stem).id == path.stem


def test_minimal_form_defaults() -> None:
    spec = parse_form(minimal(), "mini.toml")
    cell = spec.rows[0].cells[0]
    assert (cell.label_span, cell.value_span, cell.multiline) == (1, 3, False)
    assert spec.header.title == "测试单"
    assert spec.fields == ("name",)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (minimal(colour="red"), r"unknown key\(s\) colour"),
        (minimal(columns=5), r"rows\[0\]: cell spans 4 = 4, but the form grid is 5 columns"),
        (
            minimal(rows=[{"cells": [{"label": "姓名", "feild": "name", "span": 4}]}]),
            r"rows\[0\]\.cells\[0\]: unknown key\(s\) feild",
        ),
        (
            minimal(
                rows=[{"cells": [{"label": "姓名", "field": "name", "span": 4, "label_span": 4}]}]
            ),
            r"label_span",
        ),
        (minimal(rows=[{"cells": [{"span": 4}]}]), r"needs a label, a field, or both"),
        (minimal(rows=[{"cells": [{"field": "bad-key", "span": 4}]}]), r"plain name"),
        (minimal(rows=[{"cells": [{"field": "x", "span": "4"}]}]), r"span: expected an integer"),
        (minimal(rows=[{"cells": [{"field": "x", "span": True}]}]), r"span: expected an integer"),
        (minimal(rows=[]), r"at least one row"),
        (minimal(header={"number_line": "登记号：{register_no!r}"}), r"plain name"),
        (minimal(header={"number_line": "登记号：{register_no"}), r"bad template"),
        (minimal(footer={"page_number": "第 {page} 页 {name}"}), r"not allowed here"),
        (minimal(footer={"lines": [[]]}), r"non-empty array"),
        (minimal(page_size="Letter"), r"page_size"),
        (minimal(column_weights=[1, 2]), r"column_weights"),
        (minimal(label_shading="grey"), r"#RRGGBB"),
        ({"title": "x", "columns": 1, "rows": []}, r"missing required key 'id'"),
    ],
)
def test_invalid_forms_are_rejected_with_file_name(form: dict[str, Any], message: str) -> None:
    with pytest.raises(FormSpecError, match=message) as info:
        parse_form(form, "forms/broken.toml")
    assert "forms/broken.toml" in str(info.value)


def test_load_form_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text(
        'id = "broken"\ntitle = "x"\ncolumns = 2\n[[rows]]\ncells = [ { field = "a", span = 3 } ]\n',
        encoding="utf-8",
    )
    with pytest.raises(FormSpecError, match=r"broken\.toml: rows\[0\]: cell spans 3 = 3"):
        load_form(bad)
    bad.write_text("id = = 1", encoding="utf-8")
    with pytest.raises(FormSpecError, match=r"broken\.toml: not valid TOML"):
        load_form(bad)
    with pytest.raises(FormSpecError, match="not found"):
        load_form("no_such_form")
    with pytest.raises(FormSpecError, match="bad form id"):
        load_form("../etc/passwd")


def test_form_id_must_match_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import petitiondesk.printing.formload as formload

    (tmp_path / "slip_a.toml").write_text(
        'id = "slip_b"\ntitle = "x"\ncolumns = 1\n[[rows]]\ncells = [ { field = "a", span = 1 } ]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(formload, "FORMS_DIR", tmp_path)
    with pytest.raises(FormSpecError, match="id = 'slip_b' but the file is named 'slip_a'"):
        load_form("slip_a")


def test_templates() -> None:
    assert template_keys("接待人：{a}  {{字面}}  {b}") == ["a", "b"]
    assert render_template("登记号：{no}{{x}}", {}) == "登记号：{x}"
    assert render_template("登记号：{no}", {"no": "{evil}"}) == "登记号：{evil}"
