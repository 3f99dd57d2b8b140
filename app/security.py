"""HTTP security headers on every response: a strict Content-Security-Policy and friends, and in production
(HSTS_SECONDS above 0) Strict-Transport-Security."""
from __future__ import annotations

from flask import Flask, Response, current_app

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def strict_transport_security(seconds: int, include_subdomains: bool) -> str:
    """The Strict-Transport-Security value for `seconds`."""
    return f"max-age={seconds}" + ("; includeSubDomains" if include_subdomains else "")


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    seconds = current_app.config.get("HSTS_SECONDS", 0)
    if seconds > 0:
        response.headers.setdefault("Strict-Transport-Security", strict_transport_security(
            seconds, current_app.config.get("HSTS_INCLUDE_SUBDOMAINS", True)))
    return response


def init_app(app: Flask) -> None:
    """Send the security headers with every response, error pages included."""
    app.after_request(add_security_headers)
