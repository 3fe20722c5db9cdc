"""Headless Chromium for rendering tests: the flags of the diff report's test, driven over the
DevTools protocol on a pipe (no network port, no extra package) so a test can open a page at a
URL, ask the rendered page questions in JavaScript and take screenshots of it."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

#: The flags the diff report's Chromium test uses (no network, no first-run work).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def available() -> bool:
    """True when a `chromium` is on PATH."""
    return shutil.which("chromium") is not None


def _pipe_fds(read: int, write: int) -> None:
    """In the child: the pipe's ends on fds 3 (commands in) and 4 (answers out)."""
    read, write = os.dup(read), os.dup(write)  # out of the way of 3 and 4 first
    os.dup2(read, 3, inheritable=True)
    os.dup2(write, 4, inheritable=True)


class Browser:
    """One headless Chromium with one page; use as a context manager."""

    def __init__(self, profile: Path, width: int = 1200, height: int = 900) -> None:
        self.width, self.height = width, height
        ours_r, theirs_w = os.pipe()  # chromium writes on its fd 4
        theirs_r, ours_w = os.pipe()  # chromium reads on its fd 3
        self.proc = subprocess.Popen(
            ["chromium", *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe",
             f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=lambda: _pipe_fds(theirs_r, theirs_w))
        os.close(theirs_r)
        os.close(theirs_w)
        self.reader, self.writer = os.fdopen(ours_r, "rb"), os.fdopen(ours_w, "wb")
        self.buffer = b""
        self.next_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)
        self.reader.close()
        self.writer.close()

    def call(self, method: str, session: bool = False, **params: object) -> dict:
        """Send one DevTools command and wait for its answer (events are dropped)."""
        self.next_id += 1
        message: dict[str, object] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        self.writer.flush()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            while b"\0" not in self.buffer:
                chunk = os.read(self.reader.fileno(), 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium went away")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
        raise TimeoutError(method)

    def open(self, url: str) -> None:
        """Load `url` and wait until the document has loaded and painted."""
        self.call("Page.navigate", session=True, url=url)
        for _ in range(200):
            if self.js("document.readyState") == "complete":
                break
            time.sleep(0.05)
        self.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))",
                wait=True)

    def js(self, expression: str, wait: bool = False) -> object:
        """The value of a JavaScript expression in the page (`wait`: a promise's value)."""
        result = self.call("Runtime.evaluate", session=True, expression=expression,
                           returnByValue=True, awaitPromise=wait)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> bytes:
        """A PNG of the viewport, written to `path`."""
        data = base64.b64decode(self.call("Page.captureScreenshot", session=True,
                                          format="png")["data"])
        path.write_bytes(data)
        return data
