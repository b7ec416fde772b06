"""Issue 9's export details: group labels beside their rows get room in every export (the HTML
for Word included)."""
from gkdesk.draft import new_draft
from gkdesk.exporting.layout import document_layout, lines_needed


def _t3():
    draft = new_draft(2025, "report2021")
    return next(t for t in document_layout(draft).tables if t.table.id == "t3")


def test_group_labels_keep_to_one_or_two_lines():
    t3 = _t3()
    boxes = {b.text: b for b in t3.boxes}
    assert lines_needed("（三）不予公开", t3.width_of(boxes["（三）不予公开"])) == 1
    assert lines_needed("（四）无法提供", t3.width_of(boxes["（四）无法提供"])) == 1
    assert lines_needed("三、本年度办理结果", t3.width_of(boxes["三、本年度办理结果"])) <= 2
    assert abs(sum(t3.widths_pt) - 442) < 1  # still the width of the type area


def test_html_for_word_carries_the_wider_label_columns():
    from gkdesk.exporting.html import table_html

    draft = new_draft(2025, "report2021")
    t3 = next(t for t in document_layout(draft).tables if t.table.id == "t3")
    html = table_html(draft)
    assert f'style="width:{t3.widths_pt[1]:.1f}pt"' in html
