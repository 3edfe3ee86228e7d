"""`./scripts/serve`'s address and stopping: the port is taken when it is announced and held
through the first build, and SIGTERM or SIGHUP stops serve as Ctrl-C does.

The address is chosen by binding it, not by probing it: a probe made before the first build (a
minute on a fresh clone) said nothing about the port a minute later, when MkDocs bound it. The
socket bound here keeps every other program off the port until the plugin's `on_serve`, the last
moment before MkDocs' server binds it itself, releases it. A port taken in that instant still
ends in one sentence (`run`), not a traceback.
"""

from __future__ import annotations

import errno
import signal
import socket
import sys

FIRST_PORT, LAST_PORT = 8000, 8099
_held: dict[tuple[str, int], socket.socket] = {}


class Busy(Exception):
    """The address asked for is taken, or no port in the range is free."""


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _bind(host: str, port: int) -> socket.socket | None:
    """A socket bound to host:port, or None if something else has that port. No SO_REUSEADDR:
    the hold must keep off every other server, which all set it."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            return None
        raise
    return sock


def free_port(host: str, start: int) -> int | None:
    """The first port from `start` on (to LAST_PORT, or 100 further) that binds now."""
    for port in range(start, max(LAST_PORT, start + 100) + 1):
        sock = _bind(host, port)
        if sock is not None:
            sock.close()
            return port
    return None


def reserve(addr: str | None) -> tuple[str, int, str]:
    """Take the address to serve at: `addr` (HOST:PORT) if given, else the first free port from
    8000 on 127.0.0.1. Returns host, port and a line to say, or raises Busy with the sentence."""
    if addr:
        host, _, port_text = addr.rpartition(":")
        host, port = host.strip("[]"), int(port_text)
        sock = _bind(host, port)
        if sock is None:
            other = free_port(host, port + 1)
            hint = f"; {host}:{other} is free" if other else ""
            raise Busy(
                f"serve: port {port} on {host} is already in use (another ./scripts/serve?)"
                f"{hint}: ./scripts/serve -a {host}:{other or 'PORT'}"
            )
        _held[(host, port)] = sock
        return host, port, ""
    host = "127.0.0.1"
    for port in range(FIRST_PORT, LAST_PORT + 1):
        sock = _bind(host, port)
        if sock is not None:
            _held[(host, port)] = sock
            said = (
                ""
                if port == FIRST_PORT
                else f"serve: port {FIRST_PORT} is in use (another ./scripts/serve?); "
                f"serving at http://{host}:{port}/ instead"
            )
            return host, port, said
    raise Busy(
        f"serve: ports {FIRST_PORT}-{LAST_PORT} are all in use; choose one with "
        "./scripts/serve -a 127.0.0.1:PORT"
    )


def release(address: tuple) -> None:
    """Let MkDocs' server bind the address this process holds (the plugin's on_serve)."""
    sock = _held.pop((address[0], address[1]), None)
    if sock is not None:
        sock.close()


def stop_like_ctrl_c() -> None:
    """SIGTERM (kill, a process manager, a CI timeout) and SIGHUP (a closed terminal) stop
    `mkdocs serve` as Ctrl-C does: MkDocs shuts its server down, the plugin's on_shutdown runs,
    and the page audit's worker process and its resource tracker end with it. Python's default
    for both signals ends the process at once and leaves them running."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, signal.default_int_handler)


def run(args: list[str]) -> int:
    """`./scripts/serve [mkdocs serve options]`: take the address, then serve in this process."""
    from mkdocs.__main__ import cli

    addr, rest, i = None, [], 0
    while i < len(args):
        arg = args[i]
        if arg in ("-a", "--dev-addr"):
            addr, i = (args[i + 1] if i + 1 < len(args) else ""), i + 2
            continue
        if arg.startswith("--dev-addr="):
            addr = arg.split("=", 1)[1]
        elif arg.startswith("-a") and len(arg) > 2:
            addr = arg[2:]
        else:
            rest.append(arg)
        i += 1
    if addr is not None:
        host, _, port = addr.rpartition(":")
        if not host or not port.isdigit():
            print(
                f"serve: '{addr}' is not an address; give it as HOST:PORT, e.g. "
                "./scripts/serve -a 127.0.0.1:8001",
                file=sys.stderr,
            )
            return 2
    try:
        host, port, said = reserve(addr)
    except Busy as exc:
        print(exc, file=sys.stderr)
        return 1
    if said:
        print(said, flush=True)
    shown_host = f"[{host}]" if ":" in host else host
    try:
        cli.main(["serve", "-a", f"{shown_host}:{port}", *rest], prog_name="mkdocs")
    except OSError as exc:  # the port taken in the instant between release and MkDocs' bind
        if exc.errno != errno.EADDRINUSE:
            raise
        print(
            f"serve: port {port} on {host} was taken just as the site was ready; run "
            "./scripts/serve again",
            file=sys.stderr,
        )
        return 1
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0
