"""A client for GIMP's Script-Fu server (plug-in-script-fu-server), which lets a test drive a running
GIMP with a user interface step by step: 'G', a 2-byte length and the code; the answer is 'G', an
error byte (0 = success), a 2-byte length and the result text."""
import socket
import struct
import time


class ScriptFuServer:
    def __init__(self, port):
        self.port = port

    def wait_until_listening(self, timeout, alive):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not alive():
                raise RuntimeError("GIMP exited before its Script-Fu server listened")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"GIMP's Script-Fu server did not listen on port {self.port} within {timeout} s")

    def eval(self, code, timeout=300):
        """Returns (ok, text)."""
        data = code.encode("utf-8")
        if len(data) > 65535:
            raise ValueError("Script-Fu server commands are limited to 64 KiB")
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(b"G" + struct.pack(">H", len(data)) + data)
            head = self._read(s, 4)
            body = self._read(s, struct.unpack(">H", head[2:4])[0])
        return head[1] == 0, body.decode("utf-8", "replace")

    @staticmethod
    def _read(s, n):
        out = b""
        while len(out) < n:
            chunk = s.recv(n - len(out))
            if not chunk:
                raise ConnectionError("the Script-Fu server closed the connection")
            out += chunk
        return out
