"""Smoke test of the frozen build: build packaging/gkdesk.spec, then run what it built.

    pip install . pyinstaller
    python packaging/smoke.py                 # build into /tmp/gkdesk-build (or %TEMP%), test
    python packaging/smoke.py --skip-build    # test the folder built last time
    python packaging/smoke.py --app dist/gkdesk   # test a folder built by hand with pyinstaller

It proves that a frozen build finds its data (editions, samples) and runs the core: the console
exe writes the sample draft and `check --json` on it exits 1 with exactly the one finding the
sample is known to have. If gkdesk/ui/app.py exists, the windowed exe also draws the window
off screen and saves a PNG. It prints the build time, the folder's size and the start-up time
of a frozen `check`, and exits 1 if anything failed. Linux is enough to check the spec and the
data lookup; the Windows-only parts (version resource, icon, installer) need a Windows machine.

Too slow for the pytest suite (a build takes minutes); run it by hand after changing the spec,
the dependencies or how resources are found.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "gkdesk.spec"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
EXPECTED_KEYS = ["S14-SUM-CLOSED@3.2"]  # the sample's one known error: 办结数 ≠ 按时 + 延期
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class SmokeFailure(Exception):
    """A check of the frozen build failed; str() says which and what was seen."""


def say(text: str = "") -> None:
    print(text, flush=True)


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def tree_size(path: Path) -> tuple[int, int]:
    """Bytes and number of files under path (symlinks counted as themselves, not followed)."""
    total = files = 0
    for dirpath, _dirs, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def biggest_parts(contents: Path, count: int = 8) -> list[tuple[int, str]]:
    """The largest files or folders two levels down in the contents folder, for the report."""
    parts = []
    for first in contents.iterdir():
        children = list(first.iterdir()) if first.is_dir() and not first.is_symlink() else []
        for item in children or [first]:
            size = tree_size(item)[0] if item.is_dir() else os.lstat(item).st_size
            parts.append((size, str(item.relative_to(contents))))
    return sorted(parts, reverse=True)[:count]


def build(out: Path, clean: bool) -> float:
    """Run PyInstaller on the spec; returns the seconds it took. The log goes to a file."""
    log = out / "pyinstaller.log"
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
               "--distpath", str(out / "dist"), "--workpath", str(out / "work")]
    if clean:
        command.append("--clean")
    say(f"构建：{' '.join(command)}")
    say(f"      日志 {log}")
    # Lower priority: this machine's cores are shared; the figure is wall-clock time anyway.
    lower = (lambda: os.nice(10)) if hasattr(os, "nice") else None
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as stream:
        result = subprocess.run(command, cwd=ROOT, stdout=stream, stderr=subprocess.STDOUT,
                                preexec_fn=lower)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        raise SmokeFailure("PyInstaller 失败（退出码 %d），日志末尾：\n%s"
                           % (result.returncode, "\n".join(tail)))
    return seconds


def frozen_env(data_dir: Path) -> dict[str, str]:
    """The environment a clerk's machine would give: no developer's Python paths, logs and
    recovery files in a throw-away folder instead of the real per-user folders."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "QT_PLUGIN_PATH")}
    env["GKDESK_DATA_DIR"] = str(data_dir)
    return env


def run(exe: Path, args: list[str], cwd: Path, env: dict[str, str],
        timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True,
                            text=True, encoding="utf-8", errors="replace", timeout=timeout)
    return result, time.perf_counter() - started


def expect_exit(result: subprocess.CompletedProcess[str], code: int, what: str) -> None:
    if result.returncode != code:
        raise SmokeFailure(f"{what}：退出码 {result.returncode}，应为 {code}\n"
                           f"stdout: {result.stdout.strip()[:2000]}\n"
                           f"stderr: {result.stderr.strip()[:2000]}")


def check_resources(app: Path) -> Path:
    """Every file under resources/ must be in the bundle at gkdesk/resources/; returns the
    contents folder (the one that is sys._MEIPASS in the frozen app)."""
    found = sorted(app.rglob("gkdesk/resources/editions"))
    if not found:
        raise SmokeFailure(f"构建结果中没有 gkdesk/resources/editions：{app}")
    bundled = found[0].parent
    missing = [str(p.relative_to(ROOT / "resources"))
               for p in sorted((ROOT / "resources").rglob("*"))
               if p.is_file() and "__pycache__" not in p.parts
               and not (bundled / p.relative_to(ROOT / "resources")).is_file()]
    if missing:
        raise SmokeFailure("这些数据文件没有打包进去：" + "、".join(missing))
    return bundled.parent.parent


def smoke(out: Path, app: Path | None, skip_build: bool, clean: bool,
          runs: int) -> dict[str, object]:
    figures: dict[str, object] = {}
    gui_source = (ROOT / "gkdesk" / "ui" / "app.py").is_file()
    out.mkdir(parents=True, exist_ok=True)
    if app is not None:
        say(f"不构建，检查已有的构建结果 {app}")
    elif skip_build:
        say("跳过构建，检查上次的构建结果")
    else:
        figures["build_seconds"] = build(out, clean)
        say(f"构建用时 {figures['build_seconds']:.0f} s")
    app = app or out / "dist" / "gkdesk"
    cli = app / f"gkdesk-cli{EXE_SUFFIX}"
    gui = app / f"gkdesk{EXE_SUFFIX}"
    for exe in (cli, gui):
        if not exe.is_file():
            raise SmokeFailure(f"缺少可执行文件：{exe}")
    contents = check_resources(app)
    size, files = tree_size(app)
    figures.update(folder_bytes=size, folder_files=files)
    say(f"文件夹 {app}：{mib(size)}，{files} 个文件；数据文件齐全（{contents.name}/gkdesk/resources）")
    for part_size, name in biggest_parts(contents):
        say(f"      {mib(part_size):>10}  {name}")

    with tempfile.TemporaryDirectory(prefix="gkdesk-smoke-") as temp:
        work = Path(temp)
        env = frozen_env(work / "data")

        result, seconds = run(cli, ["--version"], work, env)
        expect_exit(result, 0, "gkdesk-cli --version")
        say(f"gkdesk-cli --version → {result.stdout.strip()}（{seconds:.2f} s，首次启动）")

        result, _ = run(cli, ["sample", "-o", "X.gkd"], work, env)
        expect_exit(result, 0, "gkdesk-cli sample -o X.gkd")
        if not (work / "X.gkd").is_file():
            raise SmokeFailure("gkdesk-cli sample 报告成功，却没有写出 X.gkd")
        say(f"gkdesk-cli sample -o X.gkd → 退出码 0，{(work / 'X.gkd').stat().st_size} 字节")

        timings = []
        for _ in range(runs):
            result, seconds = run(cli, ["check", "X.gkd", "--json"], work, env)
            timings.append(seconds)
            expect_exit(result, 1, "gkdesk-cli check X.gkd --json")
            try:
                keys = [f["key"] for f in json.loads(result.stdout)["findings"]]
            except (ValueError, KeyError, TypeError) as exc:
                raise SmokeFailure(f"check --json 的输出不是预期的 JSON（{exc}）：\n"
                                   f"{result.stdout[:2000]}") from None
            if keys != EXPECTED_KEYS:
                raise SmokeFailure(f"check --json 的问题应为 {EXPECTED_KEYS}，实际为 {keys}")
        figures["check_seconds"] = timings
        say(f"gkdesk-cli check X.gkd --json → 退出码 1，问题 {keys}")
        say(f"      冻结版 check 启动到结束：最短 {min(timings):.2f} s，"
            f"中位 {statistics.median(timings):.2f} s（{runs} 次）")

        source_env = dict(env, PYTHONPATH=str(ROOT))
        result, seconds = run(Path(sys.executable), ["-m", "gkdesk", "check", "X.gkd", "--json"],
                              work, source_env)
        if result.returncode == 1:
            figures["source_check_seconds"] = seconds
            say(f"      对照：源码 python -m gkdesk check 用时 {seconds:.2f} s")

        if not gui_source:
            say("gkdesk/ui/app.py 尚不存在：跳过窗口截图检查")
            figures["gui"] = "skipped"
        else:
            # gkdesk/ui/app.py loads Qt's Chinese strings (确定, 取消, ...) from Qt's folder.
            if not list(contents.rglob("translations/qtbase_zh_CN.qm")):
                raise SmokeFailure("构建结果中没有 Qt 的中文翻译 qtbase_zh_CN.qm")
            gui_env = dict(env, QT_QPA_PLATFORM="offscreen")
            png = work / "out.png"
            result, seconds = run(gui, ["X.gkd", "--screenshot", str(png)], work, gui_env)
            expect_exit(result, 0, "gkdesk X.gkd --screenshot out.png")
            if not png.is_file() or png.read_bytes()[:8] != PNG_SIGNATURE:
                raise SmokeFailure("gkdesk --screenshot 退出码 0，却没有写出 PNG 文件")
            figures["gui_seconds"] = seconds
            figures["gui"] = "ok"
            shutil.copy(png, out / "screenshot.png")
            say(f"gkdesk X.gkd --screenshot out.png（offscreen）→ 退出码 0，"
                f"PNG {png.stat().st_size} 字节，{seconds:.2f} s；副本 {out / 'screenshot.png'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description="构建冻结版 gkdesk 并做冒烟测试")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "gkdesk-build",
                        help="构建输出的文件夹（默认 %(default)s，不要放在仓库里）")
    parser.add_argument("--skip-build", action="store_true", help="不构建，测试上次的结果")
    parser.add_argument("--app", type=Path, help="不构建，测试这个已构建的文件夹（如 dist/gkdesk）")
    parser.add_argument("--clean", action="store_true", help="清空 PyInstaller 的缓存后构建")
    parser.add_argument("--runs", type=int, default=5, help="check 计时的次数")
    args = parser.parse_args()
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        say(f"--out 不应在仓库内：{out}")
        return 2
    try:
        figures = smoke(out, args.app.resolve() if args.app else None, args.skip_build,
                        args.clean, max(1, args.runs))
    except (SmokeFailure, subprocess.TimeoutExpired) as exc:
        say(f"冒烟测试失败：{exc}")
        return 1
    say("冒烟测试通过：" + json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
