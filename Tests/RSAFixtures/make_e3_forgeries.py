#!/usr/bin/env python3
"""Regenerates e3_forgeries.json: e = 3 RSA keys (openssl) and forged PKCS#1 v1.5 signatures that
a lax verifier (one that parses the decrypted block) would accept. Run once; output is committed.

Forgeries, for SHA-256 over the message below:
  * garbage after the DigestInfo (Bleichenbacher 2006): 00 01 FF 00 DigestInfo H garbage...
  * garbage in the padding: 00 01 garbage... 00 DigestInfo H (cube root taken modulo 2^k for the
    suffix, and an integer cube root for the 00 01 prefix)
  * short padding with a parameters field stuffed with garbage is covered by the first case.
Every forgery s satisfies s^3 < n, so s^3 mod n is exactly the crafted block.
"""
import hashlib, json, subprocess, tempfile, os

DIGEST_INFO_SHA256 = bytes.fromhex("3031300d060960864801650304020105000420")

def icbrt(x):
    lo, hi = 0, 1 << ((x.bit_length() + 2) // 3 + 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** 3 <= x: lo = mid
        else: hi = mid - 1
    return lo

def cube_root_mod_2k(c, k):
    # c odd: Hensel lifting of x^3 = c mod 2^k.
    x = 1
    for bit in range(1, k):
        if (x ** 3 - c) % (1 << (bit + 1)):
            x += 1 << bit
    assert pow(x, 3, 1 << k) == c % (1 << k)
    return x

def make_key(bits, directory):
    path = os.path.join(directory, f"e3_{bits}.pem")
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}",
                    "-pkeyopt", "rsa_keygen_pubexp:3", "-out", path], check=True, capture_output=True)
    public = subprocess.run(["openssl", "pkey", "-in", path, "-pubout"], check=True, capture_output=True).stdout
    text = subprocess.run(["openssl", "pkey", "-in", path, "-pubout", "-text_pub", "-noout"], check=True,
                          capture_output=True).stdout.decode()
    modulus_hex = "".join(text.split("Modulus:")[1].split("Exponent:")[0].split()).replace(":", "")
    return path, public.decode(), int(modulus_hex, 16)

def main():
    out = {"comment": __doc__.strip(), "keys": []}
    with tempfile.TemporaryDirectory() as directory:
        for bits in (2048, 3072):
            path, public_pem, n = make_key(bits, directory)
            k = (n.bit_length() + 7) // 8
            # A message whose SHA-256 digest is odd (needed for the modular cube root).
            counter = 0
            while True:
                message = b"forged message %d" % counter
                digest = hashlib.sha256(message).digest()
                if digest[-1] & 1: break
                counter += 1
            message_file = os.path.join(directory, "m")
            open(message_file, "wb").write(message)
            genuine = subprocess.run(["openssl", "dgst", "-sha256", "-sign", path, message_file], check=True,
                                     capture_output=True).stdout
            cases = []
            # 1. Garbage after the DigestInfo.
            prefix = b"\x00\x01\xff\x00" + DIGEST_INFO_SHA256 + digest
            low = int.from_bytes(prefix + b"\x00" * (k - len(prefix)), "big")
            high = int.from_bytes(prefix + b"\xff" * (k - len(prefix)), "big")
            s = icbrt(high)
            assert low <= s ** 3 <= high and s ** 3 < n
            cases.append({"comment": "garbage after the DigestInfo", "sig": s.to_bytes(k, "big").hex()})
            # 2. Garbage in the padding.
            suffix = b"\x00" + DIGEST_INFO_SHA256 + digest
            suffix_bits = 8 * len(suffix)
            s_low = cube_root_mod_2k(int.from_bytes(suffix, "big"), suffix_bits)
            top = icbrt(int.from_bytes(b"\x00\x01" + b"\x00" * (k - 2), "big") * 3 // 2)
            s = ((top >> suffix_bits) << suffix_bits) | s_low
            block = (s ** 3).to_bytes(k, "big")
            assert s ** 3 < n and block[:2] == b"\x00\x01" and block.endswith(suffix)
            assert block[2:k - len(suffix)] != b"\xff" * (k - len(suffix) - 2)
            cases.append({"comment": "garbage in the padding", "sig": s.to_bytes(k, "big").hex()})
            out["keys"].append({"bits": bits, "publicKeyPem": public_pem, "msg": message.hex(),
                                "genuineSig": genuine.hex(), "forgeries": cases})
    json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "e3_forgeries.json"), "w"),
              indent=1)

main()
