"""`newswatch serve`: the view on its own, with uvicorn, for users who run the pipeline without Airflow.

On loopback it needs no login. On any other address it refuses to start unless `[web] password_env`
names an environment variable holding a password; then every request must carry it (HTTP Basic, any
user name), compared in constant time.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import secrets
import socket
from collections.abc import Callable

import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request

from newswatch.config import Config
from newswatch.db import database_url, display_url
from newswatch.errors import ConfigError, DatabaseError, NewswatchError
from newswatch.web.app import create_app

REALM = 'Basic realm="newswatch", charset="UTF-8"'


def standalone_app(config: Config, host: str) -> FastAPI:
    """The app as `newswatch serve` runs it: a password on every request when one is configured; none
    needed on loopback, and no start on another address without one."""
    password = config.web.password()
    if password is None and not is_loopback(host):
        if config.web.password_env:
            raise ConfigError(
                f"{config.source}: [web] password_env names {config.web.password_env}, which is not set: "
                f"export it to serve on {host}, or serve on 127.0.0.1"
            )
        raise ConfigError(
            f"serving on {host} (not loopback) needs a password: set [web] password_env to the name of an "
            "environment variable holding one, or serve on 127.0.0.1"
        )
    dependencies = [Depends(basic_auth(password))] if password else []
    return create_app(lambda: config, dependencies=dependencies, wait=True)


def basic_auth(password: str) -> Callable[[Request], None]:
    """A dependency that lets a request through only with the password (HTTP Basic, any user name)."""
    expected = password.encode()

    def require_password(request: Request) -> None:
        scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
        given = b""
        if scheme.lower() == "basic":
            try:
                given = base64.b64decode(encoded.strip(), validate=True).partition(b":")[2]
            except (binascii.Error, ValueError):
                given = b""
        if not secrets.compare_digest(given, expected):
            raise HTTPException(
                status_code=401, detail="the password is required", headers={"WWW-Authenticate": REALM}
            )

    return require_password


def is_loopback(host: str) -> bool:
    """True when every address the host name stands for is a loopback address."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def serve(config: Config, host: str, port: int, *, demo: bool = False) -> int:
    """Check the warehouse, bind the port, and serve until Ctrl-C."""
    from newswatch.pipeline import read_warehouse

    app = standalone_app(config, host)
    try:
        with read_warehouse(config):  # one clear line now rather than a traceback from the server
            pass
    except DatabaseError as e:
        if demo and "does not exist" in str(e):
            raise DatabaseError("the demo warehouse does not exist yet: run `newswatch demo` first") from None
        raise
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as e:
        sock.close()
        raise NewswatchError(f"cannot listen on {host}:{port}: {e.strerror}; pick another --port") from None
    sock.listen(128)  # connections made from now on wait for the server: the address printed below works
    bound = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    print(
        f"The analyst view: http://{shown}:{bound}/  (warehouse {display_url(database_url(config))}"
        f"{'; password required' if config.web.password() else ''}). Ctrl-C stops it.",
        flush=True,
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    server.run(sockets=[sock])
    return 0
