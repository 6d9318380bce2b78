"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import socket
import ssl
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.over_tls: list[bool] = []  # per envelope: was the session encrypted (STARTTLS)?
        self.refuse: str | None = None  # an SMTP reply such as "554 5.7.1 rejected": refuse every message

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse is not None:
            return self.refuse
        self.envelopes.append(envelope)
        self.over_tls.append(session.ssl is not None)
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]  # type: ignore[misc]


class SMTPServer:
    """Start/stop-able, on a fixed port so a test can take it down and bring it back.

    With `tls` (a certificate and key file), the server offers STARTTLS. With a password, it requires a
    login, offered only after STARTTLS unless `auth_require_tls` is False (a server that would take a
    password in clear). Every login attempt is kept in `logins` as (username, over TLS?)."""

    def __init__(
        self,
        port: int | None = None,
        password: str | None = None,
        tls: tuple[Path, Path] | None = None,
        auth_require_tls: bool = False,
    ) -> None:
        self.port = port or free_port()
        self.mailbox = Mailbox()
        self.password = password
        self.tls = tls
        self.auth_require_tls = auth_require_tls
        self.logins: list[tuple[str, bool]] = []
        self.controller: Controller | None = None

    def _auth(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            self.logins.append((data.login.decode(), session.ssl is not None))
        ok = isinstance(data, LoginPassword) and data.password.decode() == self.password
        return AuthResult(success=ok)

    def start(self) -> SMTPServer:
        kwargs: dict[str, Any] = {}
        if self.password is not None:
            kwargs = {
                "authenticator": self._auth,
                "auth_require_tls": self.auth_require_tls,
                "auth_required": True,
            }
        if self.tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*map(str, self.tls))
            kwargs["tls_context"] = context
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def __enter__(self) -> SMTPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def self_signed_certificate(directory: Path, name: str = "smtp") -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key (it is its own CA): (cert file, key file),
    named `name`-cert.pem and `name`-key.pem."""
    from datetime import UTC, datetime, timedelta
    from ipaddress import IPv4Address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"newswatch test {name}")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / f"{name}-cert.pem", directory / f"{name}-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file
