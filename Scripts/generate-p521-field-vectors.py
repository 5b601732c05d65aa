#!/usr/bin/env python3
"""Generates Tests/MonoCloudCryptoTests/Fixtures/p521_field_vectors.json: arithmetic in
GF(2^521 - 1) computed with Python big integers, an oracle independent of the Swift code.
Deterministic (fixed seed), so Scripts/ci-p521.sh can check the committed file against it.
Usage: generate-p521-field-vectors.py [OUTPUT_PATH]"""
import json
import os
import random
import sys

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
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "Tests", "MonoCloudCryptoTests", "Fixtures", "p521_field_vectors.json")
with open(out, "w") as f:
    json.dump({"p": hex66(P), "cases": cases}, f, indent=1)
    f.write("\n")
print(len(cases), "cases written to", out)
