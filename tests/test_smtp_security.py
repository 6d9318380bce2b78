"""SMTP transport security against a real aiosmtpd server on loopback, with and without STARTTLS: TLS
whenever the server offers it, and never a password over a plaintext connection unless
`security = "none"` says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswatch.alerts.outbox import queue, send_pending
from newswatch.config import parse_config
from newswatch.errors import ConfigError
from tests.smtpserver import SMTPServer, self_signed_certificate

PASSWORD = "s3cret-pw"


@pytest.fixture
def cert(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path)


def config(port: int, **alerts):  # type: ignore[no-untyped-def]
    section = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "sender": "newswatch@example.org",
        "recipients": ["analyst@example.org"],
        "timeout_seconds": 5,
    }
    section.update(alerts)
    return parse_config({"alerts": section})


def queue_one(db, cfg) -> None:  # type: ignore[no-untyped-def]
    queue(db, cfg, dedupe_key="test:1", kind="health", subject="[newswatch] hello", text="t", html="<p>t</p>")


def test_auto_uses_starttls_whenever_the_server_offers_it(db, cert, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))  # trust the test certificate the system way
    with SMTPServer(tls=cert) as server:
        cfg = config(server.port)  # security = "auto" (the default) on a port that is not 465 or 587
        queue_one(db, cfg)
        assert send_pending(db, cfg).sent == 1
        assert server.mailbox.over_tls == [True]


def test_a_login_goes_over_starttls_with_the_configured_ca_file(db, cert, monkeypatch):
    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
    with SMTPServer(tls=cert, password=PASSWORD, auth_require_tls=True) as server:
        cfg = config(
            server.port, username="newswatch", password_env="TEST_SMTP_PASSWORD", ca_file=str(cert[0])
        )
        queue_one(db, cfg)
        assert send_pending(db, cfg).sent == 1
        assert server.logins == [("newswatch", True)]
        assert server.mailbox.over_tls == [True]


def test_a_password_is_never_sent_in_clear_unless_security_is_none(db, monkeypatch):
    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
    with SMTPServer(password=PASSWORD) as server:  # no STARTTLS, and it would take a password in clear
        cfg = config(server.port, username="newswatch", password_env="TEST_SMTP_PASSWORD")
        queue_one(db, cfg)
        report = send_pending(db, cfg)
        assert (report.sent, report.retrying) == (0, 1)
        assert "does not offer STARTTLS" in report.errors[0] and 'security = "none"' in report.errors[0]
        # It is not "cannot reach the server": the error itself names the server and the fix.
        assert report.errors[0].startswith(f"the SMTP server 127.0.0.1:{server.port} does not offer STARTTLS")
        assert PASSWORD not in report.errors[0]
        assert server.logins == [] and server.mailbox.envelopes == []

        explicit = config(
            server.port, username="newswatch", password_env="TEST_SMTP_PASSWORD", security="none"
        )
        assert send_pending(db, explicit, retry_now=True).sent == 1
        assert server.logins == [("newswatch", False)]


def test_required_starttls_that_is_not_offered_is_a_clear_error(db):
    with SMTPServer() as server:
        cfg = config(server.port, security="starttls")
        queue_one(db, cfg)
        report = send_pending(db, cfg)
        assert report.retrying == 1 and "does not offer STARTTLS" in report.errors[0]
        assert server.mailbox.envelopes == []


def test_an_untrusted_certificate_is_refused(db, cert):
    with SMTPServer(tls=cert) as server:
        cfg = config(server.port)
        queue_one(db, cfg)
        report = send_pending(db, cfg)
        assert report.retrying == 1 and "certificate verify failed" in report.errors[0]
        assert server.mailbox.envelopes == []


def test_without_a_login_a_server_without_starttls_still_gets_mail(db):
    with SMTPServer() as server:  # a local relay on port 25 with no TLS: nothing secret travels
        cfg = config(server.port)
        queue_one(db, cfg)
        assert send_pending(db, cfg).sent == 1
        assert server.mailbox.over_tls == [False]


def test_a_missing_ca_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="ca_file"):
        config(25, ca_file=str(tmp_path / "nope.pem"))
