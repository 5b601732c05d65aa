#!/usr/bin/env python3
"""A fake MonoCloud tenant for the backend integration tests (stdlib http.server only;
`cryptography` checks the JWT client assertions).

Serves on 127.0.0.1 (port from --port, 0 = a free one; the chosen port is written to
--port-file):
  GET  /.well-known/openid-configuration   discovery (issuer http://127.0.0.1:PORT)
  GET  /jwks                               an RSA public key (kid rsa-1)
  POST /introspect                         RFC 7662 with client authentication checks
  GET  /mint                               an RS256 access token signed with the JWKS key
  GET  /stats                              request counts per path
  GET  /redirect-cross, /redirect-same, /big, /html, /slow   fetcher edge cases

Independent tenants under /t/<name>/ (created on first use, each with its own keys, modes
and request counts, so tests running in parallel do not disturb each other; the issuer is
http://127.0.0.1:PORT/t/<name>):
  GET  /t/<name>/.well-known/openid-configuration, /t/<name>/jwks, POST /t/<name>/introspect
  GET  /t/<name>/mint[?kid=K&count=N&expired=1]   RS256 tokens signed with the newest key; `kid`
       overrides the header kid (count > 1: kids K-0 … K-(N-1), one token per line)
  GET  /t/<name>/_stats                 request counts of this tenant's endpoints
  POST /t/<name>/_reset                 counts cleared, modes back to normal (keys kept)
  POST /t/<name>/_control?jwks=ok|500|hang|refuse&hang_ms=M&rotate=1&retire=1
       jwks: how /jwks answers (500; hang: sleep hang_ms, default 2000, before answering;
       refuse: discovery publishes a jwks_uri on a closed port); rotate: add a new signing
       key (new kid), still publishing the old ones; retire: publish only the newest key.

Clients: basic-client / basic-secret (client_secret_basic), post-client / post-secret
(client_secret_post), jwt-client / jwt-secret-0123456789abcdef0123456789 (client_secret_jwt,
HS256), pkjwt-client (private_key_jwt, RS256 with the key written to --private-key-file).
Tokens: active-token (active, scope "read write"), bound-token, anything else inactive.
"""
import argparse
import base64
import hashlib
import hmac
import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

AUDIENCE = "https://api.example.com"
CLIENTS = {
    "basic-client": ("client_secret_basic", "basic-secret"),
    "post-client": ("client_secret_post", "post-secret"),
    "jwt-client": ("client_secret_jwt", "jwt-secret-0123456789abcdef0123456789"),
    "pkjwt-client": ("private_key_jwt", None),
}
# The outer shape of an X.509 certificate (the client only hashes it); the tests present it.
BOUND_CERTIFICATE_DER = bytes.fromhex("300b30030201053000030200aa")
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

lock = threading.Lock()
counts = {}
seen_jtis = set()
signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_jwk():
    numbers = signing_key.public_key().public_numbers()
    to_bytes = lambda n: n.to_bytes((n.bit_length() + 7) // 8, "big")
    return {"kty": "RSA", "kid": "rsa-1", "alg": "RS256", "use": "sig", "n": b64url(to_bytes(numbers.n)),
            "e": b64url(to_bytes(numbers.e))}


def rsa_jwk(kid, key):
    numbers = key.public_key().public_numbers()
    to_bytes = lambda n: n.to_bytes((n.bit_length() + 7) // 8, "big")
    return {"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig", "n": b64url(to_bytes(numbers.n)),
            "e": b64url(to_bytes(numbers.e))}


def sign_token(key, kid, issuer, expired=False):
    now = int(time.time())
    exp = now - 3600 if expired else now + 3600
    header = b64url(json.dumps({"alg": "RS256", "kid": kid, "typ": "at+jwt"}).encode())
    payload = b64url(json.dumps({"iss": issuer, "aud": AUDIENCE, "sub": "jwt-user", "scope": "read",
                                 "iat": now, "exp": exp}).encode())
    signature = key.sign((header + "." + payload).encode(), padding.PKCS1v15(), hashes.SHA256())
    return header + "." + payload + "." + b64url(signature)


# A TCP port bound but never listening: connections to it are refused (held for the
# server's lifetime so that nothing else can listen there).
closed_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
closed_socket.bind(("127.0.0.1", 0))
CLOSED_PORT = closed_socket.getsockname()[1]


class Tenant:
    """One independent tenant under /t/<name>/; guarded by `lock`."""

    def __init__(self, name):
        self.name = name
        self.generation = 1
        self.keys = [("%s-key-1" % name, rsa.generate_private_key(public_exponent=65537, key_size=2048))]
        self.published = 1  # the newest `published` keys are in the JWKS
        self.counts = {}
        self.reset_modes()

    def reset_modes(self):
        self.jwks_mode = "ok"
        self.hang_seconds = 2.0

    def jwks(self):
        return {"keys": [rsa_jwk(kid, key) for kid, key in self.keys[-self.published:]]}


tenants = {}


def tenant_named(name):
    with lock:
        tenant = tenants.get(name)
    if tenant is None:
        created = Tenant(name)  # key generation outside the lock
        with lock:
            tenant = tenants.setdefault(name, created)
    return tenant


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    @property
    def issuer(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def count(self):
        path = urllib.parse.urlsplit(self.path).path
        with lock:
            counts[path] = counts.get(path, 0) + 1

    def send(self, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout tests)

    def tenant_route(self):
        """(tenant, sub-path, query) for /t/<name>/<sub-path>, else None."""
        parts = urllib.parse.urlsplit(self.path)
        if not parts.path.startswith("/t/"):
            return None
        name, slash, rest = parts.path[3:].partition("/")
        if not name or not slash:
            return None
        tenant = tenant_named(name)
        sub_path = "/" + rest
        if not sub_path.startswith("/_"):
            with lock:
                tenant.counts[sub_path] = tenant.counts.get(sub_path, 0) + 1
        return tenant, sub_path, dict(urllib.parse.parse_qsl(parts.query))

    def tenant_issuer(self, tenant):
        return self.issuer + "/t/" + tenant.name

    def tenant_get(self, tenant, path, query):
        issuer = self.tenant_issuer(tenant)
        if path == "/.well-known/openid-configuration":
            with lock:
                refuse = tenant.jwks_mode == "refuse"
            jwks_uri = "http://127.0.0.1:%d/jwks" % CLOSED_PORT if refuse else issuer + "/jwks"
            self.send(200, {"issuer": issuer, "jwks_uri": jwks_uri, "introspection_endpoint": issuer + "/introspect"})
        elif path == "/jwks":
            with lock:
                mode, hang_seconds, document = tenant.jwks_mode, tenant.hang_seconds, tenant.jwks()
            if mode == "500":
                self.send(500, {"error": "server_error"})
            else:
                if mode == "hang":
                    time.sleep(hang_seconds)
                self.send(200, document, "application/jwk-set+json")
        elif path == "/mint":
            with lock:
                kid, key = tenant.keys[-1]
            count = min(int(query.get("count", "1")), 1000)
            wanted = query.get("kid")
            kids = [wanted or kid] if count == 1 else ["%s-%d" % (wanted or kid, i) for i in range(count)]
            tokens = [sign_token(key, k, issuer, bool(query.get("expired"))) for k in kids]
            self.send(200, "\n".join(tokens).encode(), "text/plain")
        elif path == "/_stats":
            with lock:
                self.send(200, dict(tenant.counts))
        else:
            self.send(404, {"error": "not_found"})

    def tenant_post(self, tenant, path, query, form):
        if path == "/introspect":
            return self.introspect(form, self.tenant_issuer(tenant))
        if path == "/_reset":
            with lock:
                tenant.counts.clear()
                tenant.reset_modes()
            return self.send(200, {})
        if path == "/_control":
            mode = query.get("jwks")
            if mode is not None and mode not in ("ok", "500", "hang", "refuse"):
                return self.send(400, {"error": "unknown jwks mode"})
            fresh_key = None
            if query.get("rotate"):
                fresh_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            with lock:
                if mode is not None:
                    tenant.jwks_mode = mode
                if "hang_ms" in query:
                    tenant.hang_seconds = int(query["hang_ms"]) / 1000
                if fresh_key is not None:
                    tenant.generation += 1
                    tenant.keys.append(("%s-key-%d" % (tenant.name, tenant.generation), fresh_key))
                    tenant.published += 1
                if query.get("retire"):
                    tenant.published = 1
                return self.send(200, {"kid": tenant.keys[-1][0], "published": tenant.published})
        self.send(404, {"error": "not_found"})

    def do_GET(self):
        route = self.tenant_route()
        if route:
            return self.tenant_get(*route)
        self.count()
        path = urllib.parse.urlsplit(self.path).path
        if path == "/.well-known/openid-configuration":
            self.send(200, {"issuer": self.issuer, "jwks_uri": self.issuer + "/jwks",
                            "introspection_endpoint": self.issuer + "/introspect",
                            "mtls_endpoint_aliases": {"introspection_endpoint": self.issuer + "/introspect"}})
        elif path == "/jwks":
            self.send(200, {"keys": [public_jwk()]}, "application/jwk-set+json")
        elif path == "/mint":
            # An RS256 access token signed with the JWKS key (expired with ?expired=1).
            query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
            now = int(time.time())
            exp = now - 3600 if query.get("expired") else now + 3600
            header = b64url(json.dumps({"alg": "RS256", "kid": "rsa-1", "typ": "at+jwt"}).encode())
            payload = b64url(json.dumps({"iss": self.issuer, "aud": AUDIENCE, "sub": "jwt-user", "scope": "read",
                                         "iat": now, "exp": exp}).encode())
            signature = signing_key.sign((header + "." + payload).encode(), padding.PKCS1v15(), hashes.SHA256())
            self.send(200, (header + "." + payload + "." + b64url(signature)).encode(), "text/plain")
        elif path == "/stats":
            with lock:
                self.send(200, dict(counts))
        elif path == "/redirect-cross":
            port = self.server.server_address[1]
            self.send(302, b"", "text/plain", [("Location", "http://localhost:%d/.well-known/openid-configuration" % port)])
        elif path == "/redirect-same":
            self.send(302, b"", "text/plain", [("Location", "/.well-known/openid-configuration")])
        elif path == "/big":
            self.send(200, b'{"pad":"' + b"x" * (2 << 20) + b'"}')
        elif path == "/html":
            self.send(200, b"<html></html>", "text/html")
        elif path == "/slow":
            time.sleep(10)
            self.send(200, {})
        else:
            self.send(404, {"error": "not_found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        route = self.tenant_route()
        if route:
            return self.tenant_post(*route, form)
        self.count()
        if urllib.parse.urlsplit(self.path).path == "/html":
            return self.send(200, b"<html></html>", "text/html")
        if urllib.parse.urlsplit(self.path).path != "/introspect":
            return self.send(404, {"error": "not_found"})
        self.introspect(form, self.issuer)

    def introspect(self, form, issuer):
        if self.headers.get("Accept") != "application/json" or form.get("token_type_hint") != "access_token":
            return self.send(400, {"error": "invalid_request", "error_description": "Accept or token_type_hint"})
        problem = self.authenticate(form, issuer)
        if problem:
            return self.send(401, {"error": "invalid_client", "error_description": problem})
        now = int(time.time())
        token = form.get("token")
        if token in ("active-token", "bound-token"):
            claims = {"active": True, "iss": issuer, "aud": AUDIENCE, "sub": "user-1", "scope": "read write",
                      "exp": now + 3600, "iat": now, "client_id": "some-app"}
            if token == "bound-token":
                claims["cnf"] = {"x5t#S256": b64url(hashlib.sha256(BOUND_CERTIFICATE_DER).digest())}
            return self.send(200, claims)
        self.send(200, {"active": False})

    def authenticate(self, form, issuer):
        """Returns None when the client authenticated as its registered method, else why not."""
        authorization = self.headers.get("Authorization")
        if authorization:
            scheme, _, credentials = authorization.partition(" ")
            if scheme != "Basic":
                return "unsupported authorization scheme"
            decoded = base64.b64decode(credentials, validate=True).decode()
            raw_id, _, raw_secret = decoded.partition(":")
            client_id, secret = urllib.parse.unquote_plus(raw_id), urllib.parse.unquote_plus(raw_secret)
            method, expected = CLIENTS.get(client_id, (None, None))
            if method != "client_secret_basic" or secret != expected:
                return "bad basic credentials"
            return None
        client_id = form.get("client_id")
        method, expected = CLIENTS.get(client_id, (None, None))
        if method == "client_secret_post":
            return None if form.get("client_secret") == expected else "bad client_secret"
        if method in ("client_secret_jwt", "private_key_jwt"):
            if form.get("client_assertion_type") != ASSERTION_TYPE:
                return "bad client_assertion_type"
            return self.check_assertion(form.get("client_assertion", ""), client_id, method, expected, issuer)
        return "unknown client or method"

    def check_assertion(self, assertion, client_id, method, secret, issuer):
        try:
            header_b64, payload_b64, signature_b64 = assertion.split(".")
            header = json.loads(b64url_decode(header_b64))
            payload = json.loads(b64url_decode(payload_b64))
            signature = b64url_decode(signature_b64)
        except Exception:
            return "malformed assertion"
        signing_input = (header_b64 + "." + payload_b64).encode()
        if method == "client_secret_jwt":
            digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}.get(header.get("alg"))
            if digest is None:
                return "bad alg"
            # cryptography's HMAC, constant-time verify.
            from cryptography.hazmat.primitives import hmac as chmac
            algorithm = {"HS256": hashes.SHA256(), "HS384": hashes.SHA384(), "HS512": hashes.SHA512()}[header["alg"]]
            mac = chmac.HMAC(secret.encode(), algorithm)
            mac.update(signing_input)
            try:
                mac.verify(signature)
            except Exception:
                return "bad assertion signature"
        else:
            if header.get("alg") != "RS256":
                return "bad alg"
            try:
                client_key.public_key().verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
            except Exception:
                return "bad assertion signature"
        now = int(time.time())
        if payload.get("iss") != client_id or payload.get("sub") != client_id:
            return "iss/sub must be the client id"
        if payload.get("aud") != issuer:
            return "aud must be the issuer"
        iat, exp = payload.get("iat"), payload.get("exp")
        if not isinstance(iat, int) or exp != iat + 60 or abs(iat - now) > 60:
            return "bad iat/exp"
        jti = payload.get("jti")
        with lock:
            if not jti or jti in seen_jtis:
                return "jti missing or replayed"
            seen_jtis.add(jti)
        return None


client_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--private-key-file", help="where to write pkjwt-client's private key (PKCS#8 PEM)")
    parser.add_argument("--lifetime", type=int, default=600, help="seconds before the server exits by itself")
    args = parser.parse_args()
    if args.private_key_file:
        with open(args.private_key_file, "wb") as f:
            f.write(client_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        import os
        os.replace(args.port_file + ".tmp", args.port_file)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
