"""The workbench's endpoint redirect for Python Lambda instances.

Python imports ``sitecustomize`` at start-up from the first folder on ``sys.path`` that has
one; the Python runtime puts this folder on PYTHONPATH. Connections to an AWS hostname on port
443 go to the emulator's front door instead (``_WORKBENCH_AWS_REDIRECT``, ``127.0.0.1:<port>``),
so boto3 clients built with no endpoint, or with
``https://<apiId>.execute-api.<region>.amazonaws.com/<stage>``, reach the emulated services
unchanged. Only the address changes: TLS still names and verifies the AWS hostname, against the
local CA the instance trusts through AWS_CA_BUNDLE.

urllib3 (under botocore), http.client and asyncio all resolve through ``socket.getaddrinfo``,
which answers with the front door's address and port; ``socket.socket.connect`` is covered too,
for code that hands a hostname straight to a socket.
"""

import os
import re
import socket
import sys


def _install(target):
    match = re.match(r"^(.+):(\d+)$", target)
    if not match:
        return
    front_host, front_port = match.group(1), int(match.group(2))

    def redirected(host, port):
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if not isinstance(host, str):
            return False
        if isinstance(port, bytes):
            port = port.decode("ascii", "replace")
        if port not in (443, "443", "https"):
            return False
        return host.lower().rstrip(".").endswith(".amazonaws.com")

    original_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if redirected(host, port):
            return original_getaddrinfo(front_host, front_port, *args, **kwargs)
        return original_getaddrinfo(host, port, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo

    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def moved(address):
        if isinstance(address, tuple) and len(address) >= 2 and redirected(address[0], address[1]):
            return (front_host, front_port) + tuple(address[2:])
        return address

    def connect(self, address):
        return original_connect(self, moved(address))

    def connect_ex(self, address):
        return original_connect_ex(self, moved(address))

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex


def _chain():
    """Runs the sitecustomize this file shadows (Debian ships one), as if it were first."""
    import importlib.machinery
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    rest = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None or spec.origin == os.path.abspath(__file__):
        return
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:  # noqa: BLE001 - a broken system hook must not stop the function
        pass


_install(os.environ.get("_WORKBENCH_AWS_REDIRECT", ""))
_chain()
