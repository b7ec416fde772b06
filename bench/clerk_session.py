"""A clerk's 500-edit session on the real program, under Xvfb, with real X key events (xdotool).

    python bench/clerk_session.py [--display :61] [--out /tmp/clerk-session]

新建 a report2021 draft through the menu (Alt+F, N), fill all of table three column by column
(Enter goes down), type two wrong numbers on the way (`-5`, `1e9`: they must stay red and
uncommitted), overwrite the table row by row (Tab), refill four columns, undo 25 and redo 25
(Ctrl+Z / Ctrl+Y), check with 校验 → 完成 (Alt+C, Down), save with Ctrl+S through the file dialog
(typing the path), save again, quit with Ctrl+Q, reopen the file. Every value of the saved file
is compared (gkdesk.draft.load_draft) with what was typed. Screenshots go to --out: look at them.

Not a test: it needs Xvfb and xdotool (see /work/shared/tools/xclerk.py) and takes minutes.
Prints figures; exit 1 if the window died or a saved value differs.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/work/shared/tools")

from gkdesk.draft import load_draft  # noqa: E402
from gkdesk.editions import find_edition  # noqa: E402

# Places in the window (1280×680), from its top left corner.
TAB_THREE = (290, 91)  # the 三、收到和处理… tab
HOME = (640, 35)  # the title line: the pointer rests here (focus follows the pointer)
IN_TABLE = (200, 200)  # a label box of table three: a click selects, edits nothing
OTHER_BOX = (700, 400)  # a value box of table three
KEY_DELAY_MS = "12"


def geometry(screen, window: str) -> tuple[list[int], list[int]]:
    """(position, size) of an X window."""
    text = screen.xdo("getwindowgeometry", window)
    pos = [int(v) for v in text.split("Position: ")[1].split()[0].split(",")]
    size = [int(v) for v in text.split("Geometry: ")[1].split()[0].split("x")]
    return pos, size


def main_window(screen) -> str:
    """gkdesk's main window: the largest visible window with gkdesk in its title (Qt also makes
    a tiny group-leader window of that name, which xclerk's window() may pick). Titles are
    compared here: `xdotool search --name` misses a title with Chinese in it."""
    found = [w for w in screen.xdo("search", "--onlyvisible", "--name", ".").split()
             if "gkdesk" in screen.xdo("getwindowname", w)]
    return max(found, key=lambda w: (lambda size: size[0] * size[1])(geometry(screen, w)[1]),
               default="")


class Clerk:
    def __init__(self, screen, process: subprocess.Popen):
        self.scr, self.process = screen, process
        self.edits = 0
        self.main = main_window(screen)
        self.origin = geometry(screen, self.main)[0]

    def click(self, place: tuple[int, int]) -> None:
        self.scr.click(self.origin[0] + place[0], self.origin[1] + place[1])

    def keys(self, *names: str) -> None:
        self.scr.xdo("key", "--delay", KEY_DELAY_MS, *names)

    def type(self, text: str) -> None:
        self.scr.xdo("type", "--delay", KEY_DELAY_MS, "--", text)

    def wait_window(self, title: str, timeout: float = 15) -> str:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.scr.xdo("search", "--name", title).split()
            if found:
                return found[-1]
            time.sleep(0.2)
        raise RuntimeError(f"no window named {title!r} appeared")

    def point_at(self, window: str) -> None:
        """Keys to this window: the X focus set on it (Qt ignores the focus that merely follows
        the pointer, so a window shown or uncovered later is not active by itself)."""
        self.scr.xdo("windowfocus", "--sync", window)
        pos, size = geometry(self.scr, window)
        self.scr.xdo("mousemove", str(pos[0] + size[0] // 2), str(pos[1] + size[1] // 2))
        time.sleep(0.3)

    def gone(self, window: str) -> bool:
        return window not in self.scr.xdo("search", "--onlyvisible", "--name", ".").split()

    def dismiss(self, title: str) -> None:
        """Enter on a dialog until it closes (a dialog just shown, under no window manager,
        may not take the first key)."""
        window = self.wait_window(title)
        for _ in range(10):
            self.point_at(window)
            self.keys("Return")
            deadline = time.time() + 2
            while time.time() < deadline and not self.gone(window):
                time.sleep(0.2)
            if self.gone(window):
                return
        raise RuntimeError(f"the dialog {title!r} did not close on Enter")

    def home(self) -> None:
        self.scr.xdo("mousemove", str(self.origin[0] + HOME[0]), str(self.origin[1] + HOME[1]))
        time.sleep(0.2)

    def back_to_window(self) -> None:
        """After a dialog closed: without a window manager nothing activates the main window
        again (Qt drops keys and shortcuts meanwhile)."""
        self.scr.xdo("windowfocus", "--sync", self.main)
        self.click(HOME)

    def alive(self) -> bool:
        return self.process.poll() is None

    def settle(self, seconds: float = 0.5) -> None:
        time.sleep(seconds)


def table_three():
    """Cell ids of table three of report2021: by column (Enter order) and reading order (Tab)."""
    table = next(t for t in find_edition("report2021").tables if t.title.startswith("三、"))
    boxes = [(i.row, i.col, i.cell) for i in table.grid.items if i.cell]
    reading = [c for _, _, c in sorted(boxes)]
    columns: dict[int, list[str]] = {}
    for row, col, cell in sorted(boxes, key=lambda b: (b[1], b[0])):
        columns.setdefault(col, []).append(cell)
    return reading, [columns[c] for c in sorted(columns)]


def run(display: str, out: Path) -> int:
    from xclerk import Screen, ensure_tools

    if not ensure_tools():
        print("Xvfb/xdotool missing")
        return 2
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="gkdesk-clerk-"))
    env = {"GKDESK_DATA_DIR": str(work / "data"), "XDG_CONFIG_HOME": str(work / "config"),
           "PYTHONPATH": str(ROOT)}
    target = work / "clerk2025.gkd"
    reading, columns = table_three()
    rng = random.Random(2025)
    expected: dict[str, int] = {}
    history: list[tuple[str, int | None, int]] = []  # the undo stack, as the driver sees it
    failures: list[str] = []
    scr = Screen(display)
    try:
        t0 = time.time()
        process = scr.start(sys.executable, "-m", "gkdesk", env=env)
        clerk = Clerk(scr, process)
        print(f"started in {time.time() - t0:.1f} s")
        clerk.home()
        clerk.click(HOME)

        # 文件 → 新建 (keyboard: Alt+F, N), the dialog's default year → report2021, Enter.
        clerk.keys("alt+f")
        clerk.settle(0.4)
        clerk.keys("n")
        clerk.dismiss("新建草稿")
        clerk.settle(0.8)
        clerk.home()
        clerk.click(TAB_THREE)
        clerk.click(IN_TABLE)

        def new_value(cell: str) -> int:
            value = rng.randrange(0, 1000)
            while value == expected.get(cell):
                value = rng.randrange(0, 1000)
            return value

        def commit(cell: str, value: int) -> None:
            history.append((cell, expected.get(cell), value))
            expected[cell] = value
            clerk.edits += 1

        def to_column_top(k: int) -> None:
            clerk.keys("Escape", "ctrl+Home", *["Tab"] * (k + 1))

        session_start = time.time()
        # A: table three column by column, Enter going down; two wrong numbers on the way.
        for k, column in enumerate(columns):
            to_column_top(k)
            for r, cell in enumerate(column):
                if k == 0 and r == 4:
                    clerk.type("-5")
                    clerk.keys("Return", "Tab")
                    clerk.settle(0.6)
                    scr.shot(out / "red-minus5.png")
                    clerk.keys("Escape")  # the old value back; the cursor stays
                if k == 1 and r == 6:
                    clerk.type("1e9")
                    clerk.keys("Return")
                    clerk.click(OTHER_BOX)  # a click on another box does not take it away
                    clerk.home()
                    clerk.settle(0.4)
                    scr.shot(out / "red-1e9.png")
                    clerk.keys("BackSpace", "BackSpace", "BackSpace")
                    value = new_value(cell)
                    clerk.type(str(value))
                    clerk.keys("Return")
                    commit(cell, value)
                    continue
                value = new_value(cell)
                clerk.type(str(value))
                clerk.keys("Return")
                commit(cell, value)
        after_a = time.time()
        scr.shot(out / "after-columns.png")
        print(f"A: {clerk.edits} values column by column in {after_a - session_start:.0f} s; "
              f"window alive: {clerk.alive()}")

        # B: overwrite row by row, Tab going to the next box (it opens the editor there).
        clerk.keys("Escape", "ctrl+Home", "Tab")
        for i, cell in enumerate(reading):
            value = new_value(cell)
            clerk.type(str(value))
            clerk.keys("Return" if i == len(reading) - 1 else "Tab")
            commit(cell, value)
        after_b = time.time()
        print(f"B: {clerk.edits} edits after row by row ({after_b - after_a:.0f} s); "
              f"window alive: {clerk.alive()}")

        # C: four columns again, then undo 25 and redo 25.
        for k, column in enumerate(columns[:4]):
            to_column_top(k)
            for cell in column:
                value = new_value(cell)
                clerk.type(str(value))
                clerk.keys("Return")
                commit(cell, value)
        clerk.keys("Escape")
        undone = []
        for _ in range(25):
            clerk.keys("ctrl+z")
            cell, old, new = history.pop()
            undone.append((cell, old, new))
            if old is None:
                expected.pop(cell)
            else:
                expected[cell] = old
            clerk.edits += 1
        after_undo = dict(expected)
        # 校验 → 完成 (Alt+C, Down to its second item, Enter): the verdict dialog, closed with Enter.
        clerk.keys("alt+c")
        clerk.settle(0.4)
        clerk.keys("Down", "Return")
        clerk.dismiss("尚未完成")
        clerk.settle(0.5)
        clerk.back_to_window()

        # Ctrl+S on the untitled draft: the save dialog; type the path.
        clerk.keys("ctrl+s")
        try:
            save_dialog = clerk.wait_window("另存为", timeout=8)
        except RuntimeError:  # the key came before the window was active again: once more
            print("Ctrl+S: no dialog after 8 s, pressed again")
            clerk.back_to_window()
            clerk.keys("ctrl+s")
            save_dialog = clerk.wait_window("另存为")
        clerk.point_at(save_dialog)
        clerk.settle(1.0)
        clerk.keys("ctrl+a")
        clerk.type(str(target))
        clerk.keys("Return")
        deadline = time.time() + 15
        while not target.exists() and time.time() < deadline:
            time.sleep(0.2)
        clerk.settle(0.5)
        clerk.back_to_window()
        failures += compare("after 25 undos", target, after_undo)

        for cell, old, new in reversed(undone):
            clerk.keys("ctrl+y")
            history.append((cell, old, new))
            expected[cell] = new
            clerk.edits += 1
        mtime = target.stat().st_mtime_ns if target.exists() else 0
        clerk.keys("ctrl+s")
        deadline = time.time() + 15
        while target.exists() and target.stat().st_mtime_ns == mtime and time.time() < deadline:
            time.sleep(0.2)
        session = time.time() - session_start
        alive = clerk.alive()
        print(f"C: {clerk.edits} edits in all (25 undone, 25 redone); window alive: {alive}")
        print(f"session: {clerk.edits} edits in {session:.0f} s "
              f"({1000 * session / clerk.edits:.0f} ms per edit, xdotool typing included)")
        clerk.settle(1.0)
        scr.shot(out / "saved.png")
        failures += compare("saved with Ctrl+S", target, expected)
        title = scr.xdo("getwindowname", main_window(scr))
        print(f"title: {title.strip()}")
        if not alive:
            failures.append(f"the window died: {process.stdout.read()[-2000:]}")

        clerk.keys("ctrl+q")
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            failures.append("Ctrl+Q did not close the window")
        print(f"closed with Ctrl+Q, exit code {process.poll()}")

        reopened = scr.start(sys.executable, "-m", "gkdesk", str(target), env=env)
        clerk = Clerk(scr, reopened)
        clerk.home()
        clerk.click(HOME)
        clerk.click(TAB_THREE)
        clerk.home()
        clerk.settle(0.8)
        scr.shot(out / "reopened.png")
        title = scr.xdo("getwindowname", main_window(scr))
        print(f"reopened: {title.strip()}")
        if target.name not in title:
            failures.append(f"the reopened window shows {title!r}")
        failures += compare("reopened file", target, expected)
        clerk.keys("ctrl+q")
        reopened.wait(15)
        logs = list((work / "data" / "logs").glob("*")) if (work / "data" / "logs").exists() \
            else []
        errors = [line for f in logs for line in f.read_text(encoding="utf-8", errors="replace")
                  .splitlines() if "ERROR" in line or "Traceback" in line]
        print(f"log errors: {len(errors)}")
        failures += errors[:5]
    except RuntimeError as exc:  # a dialog that did not come: show what the screen shows
        scr.shot(out / "failure.png")
        failures.append(f"{exc} (see failure.png)")
    finally:
        scr.close()
    print(f"files and screenshots: {work}, {out}")
    print("RESULT:", "ok" if not failures else f"{len(failures)} problem(s)")
    for failure in failures[:20]:
        print("  ", failure)
    return 0 if not failures else 1


def compare(when: str, path: Path, expected: dict[str, int]) -> list[str]:
    if not path.exists():
        return [f"{when}: {path} was not written"]
    draft = load_draft(path)
    saved = {c: v for c, v in draft.values.items()}
    wrong = [f"{when}: {c} saved {saved.get(c)!r}, typed {v!r}" for c, v in expected.items()
             if saved.get(c) != v]
    extra = [f"{when}: {c} saved {v!r}, never typed" for c, v in saved.items()
             if c not in expected]
    print(f"{when}: {len(saved)} values in the file, {len(expected)} expected, "
          f"{len(wrong) + len(extra)} differ (edition {draft.edition}, year {draft.year})")
    return wrong + extra


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", default=":61")
    parser.add_argument("--out", type=Path, default=Path("/tmp/clerk-session"))
    args = parser.parse_args()
    return run(args.display, args.out)


if __name__ == "__main__":
    sys.exit(main())
