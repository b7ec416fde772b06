"""Issue 3's done-when, driven through the real window: the seed's one error, cleared by typing
or by the offered fix (which brings up S14-ANSWERED-CLOSED), and undo back to the seed."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gkdesk.draft import load_draft
from gkdesk.ui.table_model import BLANK_BRUSH, CELL_ID_ROLE, TINTS
from ui_helpers import hover_tooltip, type_into


def _rules(window):
    return [f.rule for f in window.document.findings]


def test_sample_opens_with_the_seed_error_on_closed(window):
    assert _rules(window) == ["S14-SUM-CLOSED"]
    assert window.document.findings[0].target == "3.2"
    model = window.models[0]
    closed = model.index_of("3.2")
    assert closed.data(Qt.ItemDataRole.BackgroundRole) == TINTS[("error", True)]
    assert model.index_of("3.2.1").data(Qt.ItemDataRole.BackgroundRole) == TINTS[("error", False)]
    assert model.index_of("3.1").data(Qt.ItemDataRole.BackgroundRole) is None
    assert "申请办结数（1）应等于" in hover_tooltip(window.views[0], "3.2")
    assert window.count_label.text() == "1 个错误"
    assert len(window.panel.cards) == 1
    assert window.panel.cards[0].fix_button.text() == "将 申请办结数 改为 0"


def test_typing_1_into_on_time_clears_the_error_live(window, qtbot):
    view = window.views[0]
    with qtbot.waitSignal(window.document.findingsChanged):
        type_into(qtbot, view, "3.2.1", "1")
    assert window.document.value("3.2.1") == 1
    assert _rules(window) == []
    assert window.models[0].index_of("3.2").data(Qt.ItemDataRole.BackgroundRole) is None
    assert window.count_label.text() == "校验通过"
    assert window.panel.cards == [] and not window.panel.empty.isHidden()
    # Enter committed and moved down to the next value box.
    assert view.currentIndex() == window.models[0].index_of("3.2.2")


def test_quick_fix_is_offered_not_applied_and_undo_restores_the_seed(window, qtbot,
                                                                     sample_path):
    seed = load_draft(sample_path).values
    assert window.document.value("3.2") == 1  # opening never rewrites a total
    card = window.panel.cards[0]
    qtbot.mouseClick(card.fix_button, Qt.MouseButton.LeftButton)
    assert window.document.value("3.2") == 0
    assert _rules(window) == ["S14-ANSWERED-CLOSED"]
    warning = window.document.findings[0]
    assert warning.severity == "warning" and warning.target == "3.3"
    assert window.models[0].index_of("3.3").data(Qt.ItemDataRole.BackgroundRole) \
        == TINTS[("warning", True)]
    assert window.count_label.text() == "1 个警告"
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert window.document.draft.values == seed
    assert _rules(window) == ["S14-SUM-CLOSED"]
    assert not window.isWindowModified()


def test_clicking_a_finding_selects_and_shows_its_cells(window, qtbot):
    view = window.views[0]
    view.scrollToTop()
    card = window.panel.cards[0]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    selected = {i.data(CELL_ID_ROLE) for i in view.selectedIndexes()}
    assert selected == {"3.2", "3.2.1", "3.2.2"}
    assert view.currentIndex() == window.models[0].index_of("3.2")
    rect = view.visualRect(view.currentIndex())
    assert view.viewport().rect().contains(rect.center())


def test_warning_takes_the_clerks_explanation(window, qtbot, fake_dialogs):
    qtbot.mouseClick(window.panel.cards[0].fix_button, Qt.MouseButton.LeftButton)
    card = window.panel.cards[0]
    fake_dialogs.explanation = "含上年结转申请1件"
    qtbot.mouseClick(card.explain_button, Qt.MouseButton.LeftButton)
    key = "S14-ANSWERED-CLOSED@3.3"
    assert window.document.draft.explanations == {key: "含上年结转申请1件"}
    card = window.panel.cards[0]
    assert card.finding.explanation == "含上年结转申请1件"
    assert "说明：含上年结转申请1件" in card.texts
    assert "已说明" in window.count_label.text()


def test_finish_lists_blank_cells_only_when_asked(make_window, qtbot, fake_dialogs):
    window = make_window()
    fake_dialogs.new_answer = (2018, "stat2014")
    window.new_file()  # 新建: a blank 2018 draft
    assert window.document.edition.id == "stat2014" and window.document.draft.values == {}
    assert [f for f in window.document.findings if f.rule == "COMPLETE"] == []
    blank = window.models[0].index_of("1.1")
    assert blank.data(Qt.ItemDataRole.BackgroundRole) == BLANK_BRUSH  # blank is not 0
    window.act_finish.trigger()
    complete = [f for f in window.document.findings if f.rule == "COMPLETE"]
    assert len(complete) == 1 and "1.1" in complete[0].cells
    assert fake_dialogs.names()[-1] == "show_info"
    assert "未填写" in fake_dialogs.calls[-1][2]
    # Typing again: blanks are not nagged about while typing.
    type_into(qtbot, window.views[0], "1.1", "5")
    assert [f for f in window.document.findings if f.rule == "COMPLETE"] == []


def test_last_years_draft_feeds_the_cross_year_rules(make_window, qtbot, tmp_path,
                                                     monkeypatch, fake_dialogs):
    from PySide6.QtWidgets import QFileDialog

    from gkdesk.draft import new_draft, save_draft

    last = new_draft(2024, "report2021")
    last.values.update({"t3.forward.person": 4, "t3.new.person": 4, "t3.new.total": 4,
                        "t3.total.person": 0, "t3.total.total": 0, "t3.forward.total": 4})
    last_path = tmp_path / "2024.gkd"
    save_draft(last, last_path)
    window = make_window()  # 2025, report2021
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(last_path), "")))
    t3 = window.views[1]
    window.tabs.setCurrentWidget(t3)
    type_into(qtbot, t3, "t3.carried.person", "3")
    assert not any(f.rule == "R-CARRY" for f in window.document.findings)
    window.attach_previous()
    carry = [f for f in window.document.findings if f.rule == "R-CARRY"]
    assert "t3.carried.person" in [f.target for f in carry]
    assert "上年结转" in next(f for f in carry if f.target == "t3.carried.person").message
    tip = t3.model().tooltip(t3.model().index_of("t3.carried.person"))
    assert "上年：" not in tip  # 上年 shows last year's value of the same cell
    assert "上年：4" in hover_tooltip(t3, "t3.forward.person")
    window.act_undo.trigger()
    assert window.document.draft.previous is None
    assert not any(f.rule == "R-CARRY" for f in window.document.findings)


def test_context_menu_offers_the_fix_on_the_total(window):
    view = window.views[0]
    menu = view.context_menu(view.model().index_of("3.2"))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["复制", "粘贴", "清除", "将 申请办结数 改为 0"]
    menu.actions()[-1].trigger()
    assert window.document.value("3.2") == 0
    plain = view.context_menu(view.model().index_of("3.1"))
    assert [a.text() for a in plain.actions()] == ["复制", "粘贴", "清除"]


def test_a_long_fix_offer_never_widens_its_card_past_the_panel(make_window, tmp_path, qtbot):
    # A typed 总计 of 本年新收 that differs from its parts: the offer names a long row.
    from gkdesk.draft import new_draft, save_draft

    draft = new_draft(2025, "report2021", "某县教育局")
    columns = ("person", "business", "research", "nonprofit", "legal", "org_other")
    draft.values.update({f"t3.new.{c}": 1 for c in columns} | {"t3.new.total": 9})
    path = tmp_path / "long.gkd"
    save_draft(draft, path)
    window = make_window(path)
    window.resize(1024, 700)
    qtbot.wait(50)
    card = next(c for c in window.panel.cards if c.fix_button is not None)
    assert card.fix_button.text() == "将 本年新收政府信息公开申请数量·总计 改为 6"
    viewport = window.panel.scroll.viewport()
    qtbot.waitUntil(lambda: card.width() <= viewport.width())
    right_edge = card.mapTo(viewport, card.rect().topRight()).x()
    assert right_edge <= viewport.width()  # every line of the message can be read
    assert card.fix_button.geometry().right() <= card.width()


def test_cards_stand_one_under_another_each_whole(make_window, tmp_path, qtbot):
    """The panel places its cards itself: in order, none over another, each as tall as its
    texts and buttons need, the buttons inside it; a finding that goes takes its card along."""
    from gkdesk.draft import new_draft, save_draft

    draft = new_draft(2025, "report2021", "某县教育局")
    draft.values.update({"t3.new.person": 1, "t3.new.business": 2, "t3.new.total": 9,
                         "t3.carried.person": 2, "t3.open.person": 5, "t3.total.person": 1})
    path = tmp_path / "cards.gkd"
    save_draft(draft, path)
    window = make_window(path)
    window.resize(1024, 700)
    panel = window.panel
    qtbot.waitUntil(lambda: len(panel.cards) >= 2)
    qtbot.wait(20)

    def check_cards():
        bottom = 0
        for card in panel.cards:
            assert card.isVisible() and card.y() >= bottom
            assert card.height() == card.heightForWidth(card.width())
            for button in (card.fix_button, card.explain_button):
                if button is not None:
                    assert card.rect().contains(button.geometry())
            bottom = card.y() + card.height()
        assert panel.body.height() >= bottom

    check_cards()
    count = len(panel.cards)
    window.document.edit_values({"t3.new.total": 3})  # the row adds up now: its card goes
    assert len(panel.cards) == count - 1
    check_cards()
    window.document.undo_stack.undo()
    assert len(panel.cards) == count
    check_cards()
