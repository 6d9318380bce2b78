"""Talking to the mail server: TLS whenever it is offered, never a password in clear, and the message.

`security = "auto"` (the default): implicit TLS on port 465; on any other port STARTTLS whenever the
server offers it, and a login only after it. `starttls` requires it, `ssl` is implicit TLS, and `none`
never encrypts (the only way a password is sent over a plaintext connection, so it must be explicit).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
from typing import Any

from newswatch.alerts.safety import header_text
from newswatch.config import AlertsConfig
from newswatch.errors import InsecureSMTP

# What a failed connection or refused message raises: caught by every sender and recorded as one line.
SMTP_ERRORS = (OSError, smtplib.SMTPException, InsecureSMTP)


def connect(alerts: AlertsConfig) -> smtplib.SMTP:
    """An authenticated session with the configured server; raises one of SMTP_ERRORS."""
    host, port = alerts.smtp_host or "localhost", alerts.smtp_port
    security = alerts.security
    if security == "auto" and port == 465:
        security = "ssl"
    context = ssl.create_default_context(cafile=str(alerts.ca_file) if alerts.ca_file else None)
    smtp: smtplib.SMTP
    if security == "ssl":
        smtp = smtplib.SMTP_SSL(host, port, timeout=alerts.timeout_seconds, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=alerts.timeout_seconds)
        try:
            if security != "none":
                _starttls(smtp, alerts, security, context)
        except BaseException:
            smtp.close()
            raise
    if alerts.username:
        try:
            smtp.login(alerts.username, alerts.password() or "")
        except BaseException:
            smtp.close()
            raise
    return smtp


def _starttls(smtp: smtplib.SMTP, alerts: AlertsConfig, security: str, context: ssl.SSLContext) -> None:
    smtp.ehlo_or_helo_if_needed()
    if smtp.has_extn("starttls"):
        smtp.starttls(context=context)
        smtp.ehlo()
        return
    if security == "starttls" or alerts.username:
        where = f"{alerts.smtp_host}:{alerts.smtp_port}"
        why = (
            f"newswatch will not send the password of {alerts.username!r} over a plaintext connection"
            if alerts.username
            else '[alerts] security = "starttls" requires it'
        )
        raise InsecureSMTP(
            f"the SMTP server {where} does not offer STARTTLS, and {why}; use a port with TLS "
            '(security = "ssl" on 465, or a server offering STARTTLS), or set security = "none" to '
            "send in clear on purpose"
        )


def build_message(row: dict[str, Any], alerts: AlertsConfig) -> EmailMessage:
    """A multipart/alternative message: plain text, and HTML with the chart inline (multipart/related)."""
    # Lines up to RFC 5322's hard limit: the default 78-column folding breaks subjects at odd places.
    msg = EmailMessage(policy=SMTP.clone(max_line_length=998))
    msg["Subject"] = header_text(row["subject"])
    msg["From"] = formataddr(("newswatch", alerts.sender))
    msg["To"] = ", ".join(row["recipients"])
    msg["Message-ID"] = row["message_id"]
    msg["Date"] = format_datetime(row["created_at"])
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(row["body_text"])
    msg.add_alternative(row["body_html"], subtype="html")
    html_part = msg.get_body(("html",))
    if row.get("chart_png") and html_part is not None:
        html_part.add_related(bytes(row["chart_png"]), "image", "png", cid="<chart>", filename="chart.png")
    return msg


def close(smtp: smtplib.SMTP) -> None:
    """QUIT politely; a server that already hung up is simply closed."""
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
