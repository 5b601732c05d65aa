#!/usr/bin/env python3
"""Generates Tests/MonoCloudCryptoTests/Fixtures/p521_field_vectors.json: arithmetic in
GF(2^521 - 1) computed with Python big integers, an oracle independent of the Swift code.
Deterministic (fixed seed); rerun only to change the set of cases."""
import json
import os
import random

P = 2**521 - 1
rng = random.Random(521)

edges = [0, 1, 2, 3, P - 1, P - 2, 2**520, 2**520 - 1, 2**520 + 1, 2**58 - 1, 2**58, 2**464,
         2**464 - 1, 2**512, (2**521 - 1) // 3, int("3ff" * 43 + "f", 16) % P]
pairs = [(a, b) for a in edges for b in edges if rng.random() < 0.45]
pairs += [(rng.randrange(P), rng.choice(edges)) for _ in range(20)]
pairs += [(rng.randrange(P), rng.randrange(P)) for _ in range(200 - len(pairs))]


def hex66(v):
    return format(v, "0132x")


cases = []
for a, b in pairs:
    cases.append({
        "a": hex66(a), "b": hex66(b),
        "sum": hex66((a + b) % P), "difference": hex66((a - b) % P),
        "product": hex66(a * b % P), "aSquared": hex66(a * a % P),
        "aInverse": hex66(pow(a, P - 2, P)),
    })
out = os.path.join(os.path.dirname(__file__), "..", "Tests", "MonoCloudCryptoTests", "Fixtures",
                   "p521_field_vectors.json")
with open(out, "w") as f:
    json.dump({"p": hex66(P), "cases": cases}, f, indent=1)
    f.write("\n")
print(len(cases), "cases")

# Scalars modulo the P-521 group order n (FIPS 186-4), for P521Scalar.
N = int("6864797660130609714981900799081393217269435300143305409394463459185543183397655394245057746333217197"
        "532963996371363321113864768612440380340372808892707005449")
assert N.bit_length() == 521 and hex(N).startswith("0x1" + "f" * 65 + "a5186")
scalar_edges = [0, 1, 2, N - 1, N - 2, 2**520, 2**512 - 1, (N - 1) // 2, 2**64, 2**64 - 1]
scalar_pairs = [(a, b) for a in scalar_edges for b in scalar_edges if rng.random() < 0.4]
scalar_pairs += [(rng.randrange(N), rng.randrange(N)) for _ in range(120 - len(scalar_pairs))]
scalar_cases = [{
    "a": hex66(a), "b": hex66(b), "sum": hex66((a + b) % N), "difference": hex66((a - b) % N),
    "product": hex66(a * b % N), "aInverse": hex66(pow(a, N - 2, N)),
} for a, b in scalar_pairs]
# Reduction of big-endian integers of 0...72 bytes (hash values, coordinates up to p).
reductions = []
for length in list(range(0, 73, 3)) + [64, 66, 72, 72, 72]:
    for value in [rng.randrange(256**length), 256**length - 1]:
        reductions.append({"input": format(value, "0%dx" % (2 * length)) if length else "",
                           "reduced": hex66(value % N)})
reductions.append({"input": hex66(P - 1), "reduced": hex66((P - 1) % N)})
reductions.append({"input": hex66(N), "reduced": hex66(0)})
out = os.path.join(os.path.dirname(__file__), "..", "Tests", "MonoCloudCryptoTests", "Fixtures",
                   "p521_scalar_vectors.json")
with open(out, "w") as f:
    json.dump({"n": hex66(N), "cases": scalar_cases, "reductions": reductions}, f, indent=1)
    f.write("\n")
print(len(scalar_cases), "scalar cases,", len(reductions), "reductions")
