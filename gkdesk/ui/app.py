"""Starting the window: QApplication in Chinese, the error hook, the no-display check, and the
--screenshot mode that renders the window offscreen to a PNG."""
from __future__ import annotations

import gc
import os
import sys
import traceback
from pathlib import Path

NO_DISPLAY_MESSAGE = (
    "gkdesk：这里没有可用的图形显示，无法打开窗口。可用 gkdesk 草稿.gkd --screenshot 截图.png "
    "在屏幕外生成窗口截图，或使用命令行（如 gkdesk check 草稿.gkd，详见 gkdesk --help）。")
_OFFSCREEN = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def display_available() -> bool:
    """Whether Qt can open a window here (Qt itself would abort with a long English message)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(_OFFSCREEN):
        return True
    if sys.platform.startswith(("win", "darwin")):
        return True
    if platform.startswith("wayland"):
        return bool(os.environ.get("WAYLAND_DISPLAY"))
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return True  # Qt picks Wayland here
    # xcb: Qt aborts when the X server named by DISPLAY cannot be reached, so try it first.
    display = os.environ.get("DISPLAY", "")
    return bool(display) and x_server_reachable(display)


def x_server_reachable(display: str, timeout: float = 1.0) -> bool:
    """Whether the X server of DISPLAY accepts a connection: `:N[.S]` (or `unix:N`) by its local
    socket, `host:N[.S]` by TCP port 6000+N. A form this does not know is left to Qt."""
    import socket

    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit() or host.startswith("/"):
        return True
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux X servers also listen on the abstract name, which a sandbox may share alone.
        for address in ("\0" + path, path) if sys.platform.startswith("linux") else (path,):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.settimeout(timeout)
                try:
                    probe.connect(address)
                    return True
                except OSError:
                    continue
        return False
    try:
        with socket.create_connection((host.strip("[]"), 6000 + int(number)), timeout=timeout):
            return True
    except OSError:
        return False


def make_application(argv: list[str] | None = None):
    """The QApplication, speaking Chinese (Qt's own buttons included) with the system font."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or ["gkdesk"])
    _plain_shaping(app)
    app.setApplicationName("gkdesk")
    app.setApplicationDisplayName("政府信息公开统计表 gkdesk")
    app.setOrganizationName("gkdesk")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:  # a frozen build may ship Qt's .qm files with gkdesk's own data
        from ..datafiles import resources_dir

        folders.append(str(resources_dir() / "translations"))
    except (ImportError, FileNotFoundError):
        pass
    translators = [_missing_strings_translator(app)]  # searched last: after Qt's own
    app.installTranslator(translators[0])
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            translators.append(translator)
    app._gkdesk_translators = translators  # keep them alive
    _route_qt_messages()
    return app


def _plain_shaping(app) -> None:
    """Chinese and Latin text need no shaping (that is for scripts such as Arabic or Devanagari):
    without it Qt lays a number or a message out in about half the instructions. Every repaint
    of the table after a keystroke draws some twenty boxes of text."""
    from PySide6.QtGui import QFont

    font = app.font()
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    app.setFont(font)


# Strings Qt 6 asks for that its own Chinese catalogue lacks (it has "Look in:", Qt 6 asks for
# "&Look in:"): without these, Qt's own file dialog (Linux) shows them in English.
MISSING_TRANSLATIONS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


def _missing_strings_translator(app):
    from PySide6.QtCore import QTranslator

    class MissingStrings(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return MISSING_TRANSLATIONS.get((context, source), "")

        def isEmpty(self) -> bool:
            return False

    return MissingStrings(app)


def _route_qt_messages() -> None:
    """Qt's own warnings go to the log file, not into the clerk's console."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from ..logs import get_logger

    def handler(kind, _context, message):
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        get_logger().warning("Qt: %s", message)

    qInstallMessageHandler(handler)


def install_exception_hook(window=None) -> None:
    """Anything unexpected: logged, the draft written to the recovery folder, and a dialog in
    Chinese that says where the log is. The window stays open."""
    from ..logs import log_exception

    showing = []

    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        try:
            value.__traceback__ = tb
            where = log_exception(value)
        except Exception:  # the log itself failed: never raise from the hook
            where = "（无法写入日志）"
            traceback.print_exception(kind, value, tb)
        saved = False
        if window is not None:
            try:
                saved = window.autosaver.save_now()
            except Exception:
                saved = False
        if showing:  # an error while the dialog is up: logged, not stacked
            return
        showing.append(True)
        try:
            from PySide6.QtWidgets import QMessageBox  # not before it is needed: start-up

            text = f"gkdesk 遇到了意外错误（{kind.__name__}），刚才的操作可能没有完成。"
            info = ("您填写的内容仍在窗口中" + ("，并已另存到恢复文件夹" if saved else "")
                    + f"。请保存后继续。\n\n错误详情已记录在：\n{where}\n"
                    "如需帮助，请把这个文件发给技术支持。")
            box = QMessageBox(QMessageBox.Icon.Critical, "程序出错", text,
                              QMessageBox.StandardButton.NoButton, window)
            box.setInformativeText(info)
            box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
            box.exec()
        finally:
            showing.clear()

    sys.excepthook = hook


def run_app(file: str | None = None, screenshot: str | None = None) -> int:
    """`gkdesk [FILE] [--screenshot OUT.png]`; returns the exit code."""
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not display_available():
        sys.stderr.write(NO_DISPLAY_MESSAGE + "\n")
        return 2
    app = make_application(sys.argv[:1])
    from .main_window import MainWindow

    if screenshot:
        return _screenshot(app, MainWindow(use_lock=False), file, screenshot)
    window = open_window(file)
    install_exception_hook(window)
    return app.exec()


def open_window(file: str | None):
    """The window a clerk starts: the file, or a new draft when there is none (or it could not
    be read: the clerk was told why), shown where it was last time."""
    from .main_window import MainWindow

    window = MainWindow()
    if not (file and window.open_path(file, ask_to_save=False)):
        window.new_default()
    window.restore_state()
    window.show()
    # The scan of the recovery folder (and its question, if any) once the window has painted:
    # a zero timer alone runs before the first paint.
    window.after_first_paint.add(window.offer_recovery)
    # What starting made (Qt's wrappers, the editions, ~50,000 objects) lives as long as the
    # program: kept out of the collector's way, a full collection no longer stalls a keystroke
    # for ~45 ms (the few of them that turn into garbage stay: a little memory).
    window.after_first_paint.add(gc.freeze)
    return window


def _screenshot(app, window, file: str | None, out: str) -> int:
    from ..draft import DraftError, load_draft
    from .document import DraftDocument

    if file:
        try:
            draft = load_draft(file)
        except DraftError as exc:
            sys.stderr.write(f"gkdesk：{exc}\n")
            return 2
        window.set_document(DraftDocument(draft, Path(file).absolute()))
    else:
        window.new_default()
    window.resize(window.default_size())
    window.show()
    for _ in range(3):
        app.processEvents()
    pixmap = window.grab()
    if not pixmap.save(out, "PNG"):
        sys.stderr.write(f"gkdesk：无法写入截图 {out}\n")
        return 2
    window.autosaver.discard()
    window.hide()
    print(f"已保存截图：{out}（{pixmap.width()}×{pixmap.height()}）")
    return 0
