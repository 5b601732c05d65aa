#!/usr/bin/env python3
"""A small OpenID provider for the load benchmarks (Scripts/bench/scenarios.sh; loopback only,
test keys made at start).

Serves discovery, a JWKS (RSA, P-256 and Ed25519 keys; a second RSA key after /control/rotate)
and token introspection, mints tokens for the benchmark, and counts every fetch. /control/down?on=1 makes
discovery and the JWKS answer 503 (an outage); introspection stays up.
Prints its port on the first line of stdout.
"""
import base64
import json
import secrets
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

AUDIENCE = "https://api.example.com"
OPAQUE_TOKEN = "opaque-" + "b" * 40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def int_bytes(value: int, length: int = 0) -> bytes:
    length = length or (value.bit_length() + 7) // 8
    return value.to_bytes(length, "big")


class Keys:
    def __init__(self):
        self.private = {
            "rsa-1": rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "rsa-2": rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "ec-1": ec.generate_private_key(ec.SECP256R1()),
            "ed-1": ed25519.Ed25519PrivateKey.generate(),
        }
        self.published = ["rsa-1", "ec-1", "ed-1"]

    def jwk(self, kid):
        key = self.private[kid].public_key()
        if kid.startswith("rsa"):
            numbers = key.public_numbers()
            return {"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig",
                    "n": b64url(int_bytes(numbers.n)), "e": b64url(int_bytes(numbers.e))}
        if kid.startswith("ed"):
            raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            return {"kty": "OKP", "kid": kid, "alg": "EdDSA", "use": "sig", "crv": "Ed25519", "x": b64url(raw)}
        numbers = key.public_numbers()
        return {"kty": "EC", "kid": kid, "alg": "ES256", "use": "sig", "crv": "P-256",
                "x": b64url(int_bytes(numbers.x, 32)), "y": b64url(int_bytes(numbers.y, 32))}

    def jwks(self):
        return {"keys": [self.jwk(kid) for kid in self.published]}

    def mint(self, issuer, kid, scope="read:orders", subject="bench-user"):
        alg = {"rsa": "RS256", "ec-": "ES256", "ed-": "EdDSA"}[kid[:3]]
        now = int(time.time())
        header = b64url(json.dumps({"alg": alg, "kid": kid, "typ": "at+jwt"}).encode())
        payload = b64url(json.dumps({"iss": issuer, "aud": AUDIENCE, "sub": subject, "scope": scope,
                                     "iat": now, "exp": now + 7200}).encode())
        signing_input = f"{header}.{payload}".encode()
        key = self.private[kid]
        if alg == "RS256":
            signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        elif alg == "EdDSA":
            signature = key.sign(signing_input)
        else:
            r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
            signature = int_bytes(r, 32) + int_bytes(s, 32)
        return f"{header}.{payload}.{b64url(signature)}"

    def unknown_kid_tokens(self, issuer, count):
        """Well-formed RS256 tokens naming kids nobody publishes (signature garbage)."""
        now = int(time.time())
        payload = b64url(json.dumps({"iss": issuer, "aud": AUDIENCE, "sub": "x", "exp": now + 7200}).encode())
        return [f"{b64url(json.dumps({'alg': 'RS256', 'kid': 'unknown-' + secrets.token_hex(8)}).encode())}"
                f".{payload}.{b64url(secrets.token_bytes(256))}" for _ in range(count)]


class State:
    def __init__(self):
        self.keys = Keys()
        self.down = False
        self.counts = {"discovery": 0, "jwks": 0, "introspection": 0}
        self.lock = threading.Lock()
        self.issuer = ""


STATE = State()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_text(self, text):
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def count(self, name):
        with STATE.lock:
            STATE.counts[name] += 1
            return STATE.down

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/.well-known/openid-configuration":
            if self.count("discovery"):
                return self.send_json(503, {"error": "down"})
            return self.send_json(200, {"issuer": STATE.issuer, "jwks_uri": STATE.issuer + "/jwks",
                                        "introspection_endpoint": STATE.issuer + "/introspect"})
        if url.path == "/jwks":
            if self.count("jwks"):
                return self.send_json(503, {"error": "down"})
            return self.send_json(200, STATE.keys.jwks())
        if url.path == "/stats":
            with STATE.lock:
                return self.send_json(200, dict(STATE.counts))
        if url.path == "/mint":
            return self.send_text(STATE.keys.mint(STATE.issuer, query.get("kid", ["rsa-1"])[0]))
        if url.path == "/mint-many":
            # n valid tokens of n callers (sub bench-user-1…n), for traffic of many users.
            kid, count = query.get("kid", ["rsa-1"])[0], int(query.get("n", ["256"])[0])
            tokens = [STATE.keys.mint(STATE.issuer, kid, subject=f"bench-user-{i}") for i in range(1, count + 1)]
            return self.send_text("\n".join(tokens) + "\n")
        if url.path == "/mint-unknown":
            count = int(query.get("n", ["1000"])[0])
            return self.send_text("\n".join(STATE.keys.unknown_kid_tokens(STATE.issuer, count)) + "\n")
        if url.path == "/opaque":
            return self.send_text(OPAQUE_TOKEN)
        self.send_json(404, {"error": "not_found"})

    def do_POST(self):
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        query = parse_qs(url.query)
        if url.path == "/introspect":
            self.count("introspection")
            if form.get("token", [""])[0] != OPAQUE_TOKEN:
                return self.send_json(200, {"active": False})
            now = int(time.time())
            return self.send_json(200, {"active": True, "iss": STATE.issuer, "aud": AUDIENCE, "sub": "bench-user",
                                        "scope": "read:orders", "exp": now + 7200, "client_id": "bench"})
        if url.path == "/control/down":
            with STATE.lock:
                STATE.down = query.get("on", ["1"])[0] == "1"
            return self.send_json(200, {"down": STATE.down})
        if url.path == "/control/rotate":
            with STATE.lock:
                STATE.keys.published = ["rsa-2", "rsa-1", "ec-1", "ed-1"]
            return self.send_json(200, {"published": STATE.keys.published})
        self.send_json(404, {"error": "not_found"})


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    STATE.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
