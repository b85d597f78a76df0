"""Starts and talks to tests/standin/images_api_standin.py for one test run."""
import json
import os
import subprocess
import sys
import time
import urllib.request

# Azure deployments the stand-in serves (azure_cases.py): one named for itself, one after its model.
AZURE_DEPLOYMENTS = ("images-prod=gpt-image-1.5", "gpt-image-1.5=gpt-image-1.5")

STANDIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "standin", "images_api_standin.py")


class StandIn:
    def __init__(self, work_dir, key):
        self.work_dir = work_dir
        self.key = key
        self.record_dir = os.path.join(work_dir, "requests")
        os.makedirs(self.record_dir, exist_ok=True)
        port_file = os.path.join(work_dir, "standin.port")
        if os.path.exists(port_file):
            os.remove(port_file)
        self.process = subprocess.Popen(
            ["/usr/bin/python3", STANDIN, "--port-file", port_file, "--record-dir", self.record_dir, "--key", key]
            + [arg for name in AZURE_DEPLOYMENTS for arg in ("--azure-deployment", name)],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work_dir, "standin.log"), "w"))
        deadline = time.time() + 20
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("the stand-in API did not start; see " + os.path.join(work_dir, "standin.log"))
            time.sleep(0.05)
        self.port = int(open(port_file).read())
        self.base_url = f"http://127.0.0.1:{self.port}/v1"

    def control(self, **settings):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/_control", json.dumps(settings).encode(),
                                         {"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=10).read()

    def requests(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_requests", timeout=10) as answer:
            return json.load(answer)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


if __name__ == "__main__":
    sys.exit("import this module")
