"""A gkdesk window that dies: run by test_ui_crash.py as a separate process.

    python crash_child.py abort|kill

Opens the real MainWindow (offscreen) on a new report2021 draft, makes 25 edits in table three
through the table model (as typing does, the event loop turning between them), prints the values
it typed as one JSON line, then calls os.abort() ("abort") or waits to be SIGKILLed ("kill").
The recovery folder is GKDESK_DATA_DIR, set by the test."""
from __future__ import annotations

import json
import os
import sys
import time

EDITS = 25


def main(how: str) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from gkdesk.draft import new_draft
    from gkdesk.ui.app import make_application
    from gkdesk.ui.document import DraftDocument
    from gkdesk.ui.main_window import MainWindow

    app = make_application(["gkdesk"])
    window = MainWindow(use_lock=False)
    window.set_document(DraftDocument(new_draft(2021, "report2021")))
    window.show()
    app.processEvents()
    model = window.models[1]  # 三、收到和处理政府信息公开申请情况
    typed = {}
    for n, cell_id in enumerate(model.value_cells()[:EDITS], start=1):
        model.setData(model.index_of(cell_id), str(n))
        typed[cell_id] = n
        app.processEvents()
    print(json.dumps({"pid": os.getpid(), "typed": typed}), flush=True)
    if how == "abort":
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file in the test folder
        os.abort()
    while True:  # until the test kills it
        time.sleep(1)


if __name__ == "__main__":
    main(sys.argv[1])
