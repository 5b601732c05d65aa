#!/usr/bin/env python3
"""Generates the offline validation cases that Wasm/test runs through the WebAssembly module
and the native `monocloud-validate --jwks` CLI: fresh keys every run (python `cryptography`),
signed tokens for every algorithm family, attacks, malformed input, bad key sets and bad options.

Usage: Scripts/wasm_cases.py OUTPUT_DIR
Writes OUTPUT_DIR/cases.json plus one JWKS file per key set (OUTPUT_DIR/jwks-NAME.json, for the CLI).

Every case has the expected outcome: `status` (0 valid, 1 rejected, 2 bad options/JWKS, the
mc_validate status; the CLI's exit code is the same number) and `error` (the error code).
`cli` is false (with `cli_reason`) for the few options the CLI cannot express.
"""
import base64
import hashlib
import hmac
import json
import os
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

NOW = 1_700_000_000
ISSUER = "https://tenant.example.com"
AUDIENCE = "https://api.example.com"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def uint(value: int, length: int | None = None) -> str:
    length = length or max(1, (value.bit_length() + 7) // 8)
    return b64(value.to_bytes(length, "big"))


def compact(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


class Key:
    def __init__(self, alg, kid, private, public_jwk, sign):
        self.alg, self.kid, self.private, self.public_jwk, self._sign = alg, kid, private, public_jwk, sign

    def token(self, claims, header=None, alg=None):
        head = {"alg": alg or self.alg, "typ": "at+jwt", "kid": self.kid}
        head.update(header or {})
        head = {k: v for k, v in head.items() if v is not None}
        signing_input = (b64(compact(head)) + "." + b64(compact(claims))).encode()
        return signing_input.decode() + "." + b64(self._sign(signing_input))


def rsa_key(alg, kid):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = private.public_key().public_numbers()
    jwk = {"kty": "RSA", "kid": kid, "use": "sig", "alg": alg, "n": uint(numbers.n), "e": uint(numbers.e)}
    hash_ = {"256": hashes.SHA256(), "384": hashes.SHA384(), "512": hashes.SHA512()}[alg[2:]]
    if alg.startswith("PS"):
        pad = padding.PSS(mgf=padding.MGF1(hash_), salt_length=hash_.digest_size)
    else:
        pad = padding.PKCS1v15()
    return Key(alg, kid, private, jwk, lambda data: private.sign(data, pad, hash_))


def ec_key(alg, kid):
    curve, crv, size, hash_ = {
        "ES256": (ec.SECP256R1(), "P-256", 32, hashes.SHA256()),
        "ES384": (ec.SECP384R1(), "P-384", 48, hashes.SHA384()),
        "ES512": (ec.SECP521R1(), "P-521", 66, hashes.SHA512()),
    }[alg]
    private = ec.generate_private_key(curve)
    numbers = private.public_key().public_numbers()
    jwk = {"kty": "EC", "kid": kid, "use": "sig", "crv": crv, "x": uint(numbers.x, size), "y": uint(numbers.y, size)}

    def sign(data):
        r, s = decode_dss_signature(private.sign(data, ec.ECDSA(hash_)))
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")

    return Key(alg, kid, private, jwk, sign)


def ed_key(kid):
    private = ed25519.Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {"kty": "OKP", "kid": kid, "crv": "Ed25519", "x": b64(raw)}
    return Key("EdDSA", kid, private, jwk, private.sign)


def hmac_key(kid):
    secret = os.urandom(32)
    jwk = {"kty": "oct", "kid": kid, "alg": "HS256", "k": b64(secret)}
    return Key("HS256", kid, secret, jwk, lambda data: hmac.new(secret, data, hashlib.sha256).digest())


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    keys = {
        "RS256": rsa_key("RS256", "rsa-1"),
        "PS256": rsa_key("PS256", "rsa-pss-1"),
        "ES256": ec_key("ES256", "ec-256"),
        "ES384": ec_key("ES384", "ec-384"),
        "ES512": ec_key("ES512", "ec-521"),
        "EdDSA": ed_key("ed-1"),
    }
    hs = hmac_key("hs-1")
    stranger = rsa_key("RS256", "rsa-1")  # same kid, different key: signatures must fail

    rsa_public = keys["RS256"].private.public_key()
    # Extra, unusable keys exercise "skip bad keys, keep the set": an RSA key that is too small
    # and an EC point off the curve.
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key().public_numbers()
    off_curve = dict(keys["ES256"].public_jwk, kid="off-curve")
    off_curve["y"] = uint((int.from_bytes(base64.urlsafe_b64decode(off_curve["y"] + "=="), "big") ^ 1), 32)
    key_sets = {
        "public": {"keys": [k.public_jwk for k in keys.values()] + [
            {"kty": "RSA", "kid": "small", "n": uint(small.n), "e": uint(small.e)}, off_curve]},
        "hmac": {"keys": [hs.public_jwk]},
    }
    bad_key_sets = {  # name -> file text (status 2, invalid_jwks)
        "not-json": "{keys:",
        "no-keys-member": json.dumps({"kids": []}),
        "keys-not-array": json.dumps({"keys": {}}),
        "no-usable-key": json.dumps({"keys": [{"kty": "RSA", "n": uint(small.n), "e": uint(small.e)}]}),
        "array-document": json.dumps([keys["RS256"].public_jwk]),
    }
    files = {}
    for name, document in key_sets.items():
        files[name] = f"jwks-{name}.json"
        with open(os.path.join(out, files[name]), "w") as f:
            json.dump(document, f)
    for name, text in bad_key_sets.items():
        files[name] = f"jwks-{name}.json"
        with open(os.path.join(out, files[name]), "w") as f:
            f.write(text)

    def claims(**extra):
        base = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "iat": NOW - 10, "exp": NOW + 3600,
                "scope": "openid read write", "groups": ["staff", {"id": "g-2", "name": "admins"}]}
        base.update(extra)
        return {k: v for k, v in base.items() if v is not None}

    base_options = {"issuer": ISSUER, "audience": AUDIENCE, "now": NOW}
    cases = []

    def case(name, token, status, error=None, jwks="public", options=None, cli=True, cli_reason=None,
             expect_claims=None):
        entry = {"name": name, "token": token, "jwks": jwks, "jwks_file": files[jwks],
                 "options": options if options is not None else dict(base_options),
                 "status": status, "error": error, "cli": cli}
        if cli_reason:
            entry["cli_reason"] = cli_reason
        if expect_claims is not None:
            entry["claims"] = expect_claims
        cases.append(entry)

    # Valid tokens, one per algorithm family.
    for alg, key in keys.items():
        body = claims(jti=f"token-{alg}")
        case(f"valid {alg}", key.token(body), 0, expect_claims=body)
    body = claims(jti="token-hs256")
    case("valid HS256 with HS256 allowed", hs.token(body), 0, jwks="hmac",
         options=dict(base_options, algorithms=["HS256"]), cli=False,
         cli_reason="the CLI has no flag to allow HMAC algorithms", expect_claims=body)
    body = claims(aud=["other", AUDIENCE], scope=None, scp=["read", "write"])
    case("valid: aud array, scp array, scope required", keys["ES256"].token(body), 0,
         options=dict(base_options, scopes=["read"]), expect_claims=body)
    body = claims()
    case("valid: no kid in header, single candidate", keys["EdDSA"].token(body, header={"kid": None}), 0,
         expect_claims=body)
    body = claims(exp=NOW - 100)
    case("valid: expired within clock tolerance", keys["RS256"].token(body), 0, expect_claims=body)
    case("valid: scope and any group", keys["RS256"].token(claims()), 0,
         options=dict(base_options, scopes=["read", "write"], groups=["nobody", "admins"]),
         expect_claims=claims())
    case("valid: all groups", keys["ES384"].token(claims()), 0,
         options=dict(base_options, groups=["staff", "g-2"], groupsMatchAll=True), expect_claims=claims())
    body = claims(groups=None, roles=["editor"])
    case("valid: custom groups claim", keys["ES512"].token(body), 0,
         options=dict(base_options, groups=["editor"], groupsClaim="roles"), expect_claims=body)

    # Algorithm attacks.
    header = b64(compact({"alg": "none", "kid": "rsa-1"}))
    case("alg none", header + "." + b64(compact(claims())) + ".", 1, "invalid_token")
    case("alg none with a signature", header + "." + b64(compact(claims())) + "." + b64(b"x" * 32), 1,
         "invalid_token")
    pem = rsa_public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    confused = Key("HS256", "rsa-1", None, None, lambda data: hmac.new(pem, data, hashlib.sha256).digest())
    case("HS256 signed with the RSA public key (PEM)", confused.token(claims()), 1, "invalid_token")
    n_bytes = rsa_public.public_numbers().n.to_bytes(256, "big")
    confused_n = Key("HS256", "rsa-1", None, None, lambda data: hmac.new(n_bytes, data, hashlib.sha256).digest())
    case("HS256 signed with the RSA modulus, HS256 allowed", confused_n.token(claims()), 1, "invalid_token",
         options=dict(base_options, algorithms=["RS256", "HS256"]), cli=False,
         cli_reason="the CLI has no flag to allow HMAC algorithms")
    case("HS256 token, HMAC not allowed", hs.token(claims()), 1, "invalid_token", jwks="hmac")
    case("RS256 token, only ES256 allowed", keys["RS256"].token(claims()), 1, "invalid_token",
         options=dict(base_options, algorithms=["ES256"]), cli=False,
         cli_reason="the CLI has no flag for the algorithm allow-list")
    case("RS256 header on the PS256 key", keys["PS256"].token(claims(), alg="RS256"), 1, "invalid_token")
    case("ES256 header on the EdDSA key", keys["EdDSA"].token(claims(), alg="ES256"), 1, "invalid_token")
    case("crit header", keys["RS256"].token(claims(), header={"crit": ["exp"], "exp": 1}), 1, "invalid_token")
    case("embedded jwk header is ignored", stranger.token(
        claims(), header={"jwk": stranger.public_jwk}), 1, "invalid_token")

    # Bad signatures.
    for alg in ["RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"]:
        token = keys[alg].token(claims())
        head, payload, signature = token.split(".")
        raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
        raw[len(raw) // 2] ^= 0x01
        case(f"bad signature {alg}", f"{head}.{payload}.{b64(bytes(raw))}", 1, "invalid_token")
    token = keys["ES256"].token(claims())
    case("payload swapped after signing", ".".join(
        [token.split(".")[0], b64(compact(claims(sub="admin"))), token.split(".")[2]]), 1, "invalid_token")
    case("signed by another key with the same kid", stranger.token(claims()), 1, "invalid_token")
    der = keys["ES256"].private.sign(b"x", ec.ECDSA(hashes.SHA256()))
    head, payload, _ = keys["ES256"].token(claims()).split(".")
    case("DER-encoded ECDSA signature", f"{head}.{payload}.{b64(der)}", 1, "invalid_token")
    case("empty signature", f"{head}.{payload}.", 1, "invalid_token")

    # Key selection.
    case("unknown kid", keys["RS256"].token(claims(), header={"kid": "rotated-away"}), 1, "invalid_token")
    case("kid of a skipped (too small) key", keys["RS256"].token(claims(), header={"kid": "small"}), 1,
         "invalid_token")

    # Claims.
    case("expired beyond tolerance", keys["ES256"].token(claims(exp=NOW - 301)), 1, "invalid_token")
    case("expired with zero tolerance", keys["ES256"].token(claims(exp=NOW - 1)), 1, "invalid_token",
         options=dict(base_options, clockTolerance=0))
    case("not yet valid", keys["EdDSA"].token(claims(nbf=NOW + 1000)), 1, "invalid_token")
    case("wrong audience", keys["RS256"].token(claims(aud="https://other.example.com")), 1, "invalid_token")
    case("missing audience", keys["RS256"].token(claims(aud=None)), 1, "invalid_token")
    case("wrong issuer", keys["PS256"].token(claims(iss="https://evil.example.com")), 1, "invalid_token")
    case("issuer with trailing slash", keys["PS256"].token(claims(iss=ISSUER + "/")), 1, "invalid_token")
    case("sub not a string", keys["ES384"].token(claims(sub=42)), 1, "invalid_token")
    case("exp not a number", keys["ES384"].token(claims(exp="tomorrow")), 1, "invalid_token")
    case("clock skew moves now past exp", keys["ES512"].token(claims(exp=NOW + 100)), 1, "invalid_token",
         options=dict(base_options, clockSkew=500, clockTolerance=0))
    case("insufficient scope", keys["RS256"].token(claims()), 1, "insufficient_scope",
         options=dict(base_options, scopes=["read", "admin"]))
    case("no scope claim", keys["RS256"].token(claims(scope=None)), 1, "insufficient_scope",
         options=dict(base_options, scopes=["read"]))
    case("insufficient groups", keys["ES256"].token(claims()), 1, "insufficient_groups",
         options=dict(base_options, groups=["finance"]))
    case("not all groups", keys["ES256"].token(claims()), 1, "insufficient_groups",
         options=dict(base_options, groups=["staff", "finance"], groupsMatchAll=True))
    case("groups claim missing", keys["ES256"].token(claims(groups=None)), 1, "insufficient_groups",
         options=dict(base_options, groups=["staff"]))

    # Malformed tokens.
    good = keys["RS256"].token(claims())
    head, payload, signature = good.split(".")
    for name, token in [
        ("empty token", ""),
        ("opaque token", "2YotnFZFEjr1zCsicMWpAA"),
        ("two segments", f"{head}.{payload}"),
        ("four segments", good + ".x"),
        ("JWE-like five segments", "a.b.c.d.e"),
        ("header not base64url", f"{head}*.{payload}.{signature}"),
        ("padded header", f"{head}=.{payload}.{signature}"),
        ("header not JSON", f"{b64(b'not json')}.{payload}.{signature}"),
        ("header JSON array", f"{b64(b'[1]')}.{payload}.{signature}"),
        ("duplicate alg in header", b64(b'{"alg":"RS256","alg":"RS256","kid":"rsa-1"}') + f".{payload}.{signature}"),
        ("payload not JSON but signed", keys["EdDSA"].token("x")),
        ("non-ASCII token", good[:-2] + "\u00e9"),
    ]:
        case(f"malformed: {name}", token, 1, "invalid_token")
    case("malformed: token with whitespace", " " + good, 1, "invalid_token", cli=False,
         cli_reason="the CLI trims whitespace around the tokens it reads; the module takes the token as given")
    signing_input = f"{b64(compact({'alg': 'EdDSA', 'kid': 'ed-1'}))}.{b64(b'[1,2]')}"
    raw_sig = keys["EdDSA"].private.sign(signing_input.encode())
    case("malformed: payload a JSON array, signed", f"{signing_input}.{b64(raw_sig)}", 1, "invalid_token")

    # Bad key sets (status 2).
    for name in bad_key_sets:
        case(f"bad JWKS: {name}", good, 2, "invalid_jwks", jwks=name)

    # Bad options (status 2). The CLI spells the same mistakes as flags where it can.
    def without(name):
        return {k: v for k, v in base_options.items() if k != name}

    case("bad options: audience missing", good, 2, "invalid_options", options=without("audience"))
    case("bad options: issuer missing", good, 2, "invalid_options", options=without("issuer"))
    case("bad options: negative clockTolerance", good, 2, "invalid_options",
         options=dict(base_options, clockTolerance=-5))
    case("bad options: fractional now", good, 2, "invalid_options", options=dict(base_options, now=1.5))
    case("bad options: negative now", good, 2, "invalid_options", options=dict(base_options, now=-1))
    case("bad options: empty groupsClaim", good, 2, "invalid_options", options=dict(base_options, groupsClaim=""))
    case("bad options: unknown member", good, 2, "invalid_options", options=dict(base_options, audiences=["x"]),
         cli=False, cli_reason="unknown flags are a usage error of their own")
    case("bad options: unknown algorithm", good, 2, "invalid_options",
         options=dict(base_options, algorithms=["none"]), cli=False,
         cli_reason="the CLI has no flag for the algorithm allow-list")
    case("bad options: scopes not an array", good, 2, "invalid_options",
         options=dict(base_options, scopes="read"), cli=False, cli_reason="flags are always strings")

    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump({"issuer": ISSUER, "audience": AUDIENCE, "now": NOW, "cases": cases}, f, indent=1)
    print(f"{len(cases)} cases written to {out}/cases.json")


if __name__ == "__main__":
    main()
