"""Executes one notebook with nbclient, cell by cell, and stops at the first cell that fails.

Usage: run-notebook.py NOTEBOOK OUTPUT [TIMEOUT_SECONDS]

Writes the executed notebook (up to and including the failing cell) to OUTPUT and prints one
JSON line: {"ok": true, "sha256": "..."} or {"ok": false, "cell": N, "source": "...", "message": "...",
"sha256": "..."} (sha256: of the bytes written to OUTPUT), where N is
the 1-based number of the cell in the file. The kernel starts in the notebook's folder. Unlike
`nbconvert --allow-errors`, this catches kernels such as tslab that report a failed cell in the
execute reply without an error output.
"""
import hashlib
import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def stream_text(cell, limit=400):
    """What the cell printed, on one line, without stack frames."""
    lines = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            for line in "".join(out.get("text", "")).splitlines():
                if line.strip() and not line.lstrip().startswith("at ") and line.strip() != "^":
                    lines.append(line.strip())
    text = " | ".join(lines)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# A kernel that does not answer at its start is started once more (seen once in many runs on a
# loaded 2-core machine: tslab alive but silent for nbclient's 60 s). How long a start may take:
# FRAMELAB_KERNEL_START_SECONDS, else nbclient's 60 s.
KERNEL_STARTS = 2


def main(argv):
    src, dst = argv[1], argv[2]
    timeout = int(argv[3]) if len(argv) > 3 else 600
    nb = nbformat.read(src, as_version=4)
    for attempt in range(1, KERNEL_STARTS + 1):
        # record_timing=False keeps clock times out of the executed notebook, so reruns give the same file
        client = NotebookClient(
            nb,
            timeout=timeout,
            record_timing=False,
            startup_timeout=int(os.environ.get("FRAMELAB_KERNEL_START_SECONDS", "60")),
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
        )
        result = {"ok": True}
        started = False
        try:
            with client.setup_kernel():
                started = True
                # the kernel's own language_info, as Jupyter writes it when it saves an opened notebook, so
                # that opening and saving a committed notebook leaves its bytes alone
                info = client.wait_for_reply(client.kc.kernel_info())
                if info is not None and "language_info" in info["content"]:
                    nb.metadata["language_info"] = info["content"]["language_info"]
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    try:
                        client.execute_cell(cell, index)
                    except CellExecutionError as err:
                        raised = ": ".join(x for x in (getattr(err, "ename", ""), getattr(err, "evalue", "")) if x)
                        printed = stream_text(cell)
                        result = {
                            "ok": False,
                            "cell": index + 1,
                            "source": cell.source.split("\n")[0],
                            "message": " — ".join(x for x in (raised, printed) if x) or "the cell failed",
                        }
                        break
            break
        except RuntimeError as err:
            # a kernel that never answered (nbclient: "Kernel didn't respond in 60 seconds"; nbclient
            # has stopped it): nothing has run, so it is started once more; any later error stands
            if started or attempt == KERNEL_STARTS:
                raise
            print(f"run-notebook: the kernel did not start ({err}); starting a new one", file=sys.stderr)
    # the exact bytes written, and their SHA-256: `framelab reproduce` signs this content and no other
    data = nbformat.writes(nb)
    if not data.endswith("\n"):
        data += "\n"
    data = data.encode("utf-8")
    with open(dst, "wb") as f:
        f.write(data)
    result["sha256"] = hashlib.sha256(data).hexdigest()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
