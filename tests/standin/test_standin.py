#!/usr/bin/python3
"""Checks the stand-in's hostile relays themselves (a few seconds, no GIMP): the echoed key, the
deeply nested error body and stream event, and the preview flood, through plain HTTP on loopback.

  test_standin.py        prints one line per check and, last, "N passed, N failed"."""
import base64
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = "sk-test-standin-0123456789"


class StandIn:
    def __init__(self, folder):
        port_file = os.path.join(folder, "port")
        self.process = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(HERE, "images_api_standin.py"), "--port-file", port_file,
             "--key", KEY], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("the stand-in did not start")
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{int(open(port_file).read())}"

    def generate(self, prompt, stream=False):
        """POSTs a generation; returns (status, headers, body bytes)."""
        body = {"model": "gpt-image-1.5", "prompt": prompt, "size": "1024x1024"}
        if stream:
            body.update(stream=True, partial_images=2)
        request = urllib.request.Request(self.base + "/v1/images/generations", json.dumps(body).encode(),
                                         {"Content-Type": "application/json", "Authorization": "Bearer " + KEY})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def events(body):
    """(event name, data text) of each server-sent event."""
    out = []
    for block in body.decode().split("\r\n\r\n"):
        name, data = None, []
        for line in block.split("\r\n"):
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        if name:
            out.append((name, "\n".join(data)))
    return out


def depth(text):
    deepest = level = 0
    for ch in text:
        level += ch in "[{"
        level -= ch in "]}"
        deepest = max(deepest, level)
    return deepest


def main():
    failures, passed = [], 0
    with tempfile.TemporaryDirectory(prefix="standin-test-") as folder:
        standin = StandIn(folder)
        try:
            checks = []
            status, _, body = standin.generate("a pear standin-fault:echo_key")
            message = json.loads(body)["error"]["message"]
            checks.append(("echo_key", status == 401 and f"provided: {KEY}." in message, (status, message)))
            status, _, body = standin.generate("a pear standin-fault:echo_bearer")
            message = json.loads(body)["error"]["message"]
            checks.append(("echo_bearer", status == 401 and f"Bearer {KEY}" in message, (status, message)))
            status, headers, _ = standin.generate("a pear standin-fault:echo_request_id")
            checks.append(("echo_request_id", status == 401 and headers["x-request-id"] == "Bearer " + KEY,
                           (status, headers["x-request-id"])))
            status, _, body = standin.generate("a pear standin-fault:echo_key_event", stream=True)
            seen = events(body)
            checks.append(("echo_key_event", status == 200 and seen and seen[-1][0] == "error"
                           and f"key {KEY} (Bearer {KEY})" in json.loads(seen[-1][1])["error"]["message"],
                           (status, seen[-1:])))
            status, _, body = standin.generate("a pear standin-fault:control_chars")
            message = json.loads(body)["error"]["message"]
            checks.append(("control_chars", status == 400 and "\x1b[2J" in message and "\r" in message,
                           (status, message)))
            status, _, body = standin.generate("a pear standin-fault:deep_error")
            checks.append(("deep_error", status == 400 and body.startswith(b'{"error": [[') and depth(body.decode())
                           == 100001, (status, len(body))))
            status, _, body = standin.generate("a pear standin-fault:deep_event:5000", stream=True)
            seen = events(body)
            checks.append(("deep_event", status == 200 and [n for n, _ in seen] ==
                           ["image_generation.partial_image"] * 2 + ["image_generation.completed"]
                           and depth(seen[-1][1]) == 5001, (status, [n for n, _ in seen])))
            status, _, body = standin.generate("a pear standin-fault:preview_flood:5", stream=True)
            seen = events(body)
            partial = json.loads(seen[0][1]) if seen else {}
            size = Image.open(io.BytesIO(base64.b64decode(partial.get("b64_json", "")))).size if seen else None
            checks.append(("preview_flood", status == 200 and [n for n, _ in seen] ==
                           ["image_generation.partial_image"] * 5 + ["image_generation.completed"]
                           and size == (8192, 8192) and len(partial["b64_json"]) < 64 * 1024,
                           (status, [n for n, _ in seen], size)))
            for name, ok, detail in checks:
                if ok:
                    passed += 1
                    print(f"ok   standin_{name}")
                else:
                    failures.append(name)
                    print(f"FAIL standin_{name}: {detail!r}"[:400])
        finally:
            standin.stop()
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
