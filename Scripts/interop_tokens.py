#!/usr/bin/env python3
"""Interop tokens for monocloud-validate, made independently of the Swift code.

Creates fresh keys with python `cryptography` (RSA 2048/3072/4096, P-256/384/521, Ed25519),
writes their public JWKS, and signs one JWT per (key, algorithm) pair. The JWS is assembled
by hand (base64url, the signing input, cryptography's sign; ECDSA DER -> r||s). For each
token two tampered copies are written too: one payload byte changed, one signature bit flipped.

Usage: interop_tokens.py OUT_DIR
Writes OUT_DIR/jwks.json (every key), OUT_DIR/jwks-<kid>.json (one key each) and
OUT_DIR/cases.tsv with lines "kid<TAB>name<TAB>expect<TAB>token", expect being "valid" or
"invalid". Claims use fixed times; validate with --now 1700000000.
"""

import base64
import json
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

ISSUER = "https://interop.example.com"
AUDIENCE = "https://api.interop.example.com"
NOW = 1700000000


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def uint_bytes(value: int, length: int = 0) -> bytes:
    size = max(length, (value.bit_length() + 7) // 8)
    return value.to_bytes(size, "big")


HASHES = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}


def rsa_jwk(key, kid, alg):
    numbers = key.public_key().public_numbers()
    return {"kty": "RSA", "kid": kid, "alg": alg, "use": "sig", "n": b64url(uint_bytes(numbers.n)),
            "e": b64url(uint_bytes(numbers.e))}


def ec_jwk(key, kid, alg, crv, size):
    numbers = key.public_key().public_numbers()
    return {"kty": "EC", "kid": kid, "alg": alg, "crv": crv, "x": b64url(uint_bytes(numbers.x, size)),
            "y": b64url(uint_bytes(numbers.y, size))}


def sign(alg, key, signing_input: bytes) -> bytes:
    family, bits = alg[:2], alg[2:]
    if family == "RS":
        return key.sign(signing_input, padding.PKCS1v15(), HASHES[bits]())
    if family == "PS":
        hash_algorithm = HASHES[bits]()
        return key.sign(signing_input, padding.PSS(mgf=padding.MGF1(hash_algorithm),
                                                   salt_length=hash_algorithm.digest_size), hash_algorithm)
    if family == "ES":
        size = {"256": 32, "384": 48, "512": 66}[bits]
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(HASHES[bits]())))
        return uint_bytes(r, size) + uint_bytes(s, size)
    return key.sign(signing_input)  # EdDSA / Ed25519


def compact(alg, kid, key, claims) -> str:
    header = b64url(json.dumps({"alg": alg, "kid": kid, "typ": "at+jwt"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode("ascii")
    return f"{header}.{payload}.{b64url(sign(alg, key, signing_input))}"


def tamper_payload(token: str) -> str:
    header, payload, signature = token.split(".")
    data = bytearray(b64url_decode(payload))
    index = data.index(b'"interop-user"') + 1  # still valid JSON, another subject
    data[index] ^= 0x01
    return f"{header}.{b64url(bytes(data))}.{signature}"


def tamper_signature(token: str) -> str:
    header, payload, signature = token.split(".")
    data = bytearray(b64url_decode(signature))
    data[len(data) // 2] ^= 0x01
    return f"{header}.{payload}.{b64url(bytes(data))}"


def main() -> None:
    out = sys.argv[1]
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "interop-user", "scope": "read write",
              "iat": NOW - 60, "nbf": NOW - 60, "exp": NOW + 3600}
    keys, cases = [], []

    def add(name, alg, kid, key):
        token = compact(alg, kid, key, dict(claims, jti=name))
        cases.append((kid, name, "valid", token))
        cases.append((kid, name + "-payload-tampered", "invalid", tamper_payload(token)))
        cases.append((kid, name + "-signature-tampered", "invalid", tamper_signature(token)))

    for bits in (2048, 3072, 4096):
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        for alg in ("RS256", "RS384", "RS512", "PS256"):
            kid = f"rsa{bits}-{alg}"
            keys.append(rsa_jwk(key, kid, alg))
            add(kid, alg, kid, key)
    for alg, curve, crv, size in (("ES256", ec.SECP256R1(), "P-256", 32), ("ES384", ec.SECP384R1(), "P-384", 48),
                                  ("ES512", ec.SECP521R1(), "P-521", 66)):
        key = ec.generate_private_key(curve)
        kid = f"{crv}-{alg}"
        keys.append(ec_jwk(key, kid, alg, crv, size))
        add(kid, alg, kid, key)
    key = ed25519.Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes_raw()
    for alg in ("EdDSA", "Ed25519"):
        kid = f"ed25519-{alg}"
        keys.append({"kty": "OKP", "kid": kid, "alg": alg, "crv": "Ed25519", "x": b64url(raw)})
        add(kid, alg, kid, key)

    with open(f"{out}/jwks.json", "w") as f:
        json.dump({"keys": keys}, f, indent=1)
    for key in keys:
        with open(f"{out}/jwks-{key['kid']}.json", "w") as f:
            json.dump({"keys": [key]}, f)
    with open(f"{out}/cases.tsv", "w") as f:
        for kid, name, expect, token in cases:
            f.write(f"{kid}\t{name}\t{expect}\t{token}\n")


if __name__ == "__main__":
    main()
