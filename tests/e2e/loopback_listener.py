"""A listener on loopback that stands for a proxy nobody should use: it records every connection
and every byte it receives, answers "502 Bad Gateway" to whatever arrives (so a client that does
use it fails at once instead of waiting), and forwards nothing."""
import socket
import threading


class LoopbackListener:
    def __init__(self):
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self.port = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._connections = []  # bytes received on each connection
        self._stopped = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return  # closed by stop()
            with self._lock:
                self._connections.append(b"")
                index = len(self._connections) - 1
            threading.Thread(target=self._serve, args=(connection, index), daemon=True).start()

    def _serve(self, connection, index):
        connection.settimeout(5)
        try:
            while True:
                data = connection.recv(65536)
                if not data:
                    break
                with self._lock:
                    self._connections[index] += data
                    head_done = b"\r\n\r\n" in self._connections[index]
                if head_done:
                    connection.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    break
        except OSError:
            pass
        finally:
            connection.close()

    def connections(self):
        """The bytes received on each connection so far, oldest first."""
        with self._lock:
            return list(self._connections)

    def stop(self):
        if not self._stopped:
            self._stopped = True
            self._server.close()
