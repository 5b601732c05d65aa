#!/usr/bin/env python3
"""Writes the fixed-limb Montgomery arithmetic of the NIST curve fields and group orders.

Each modulus gets its own Swift type with straight-line code: the limb count and the modulus
are literals, so the compiler unrolls nothing and folds every multiplication by a zero limb.
The output files are checked in; Scripts/check-generated.sh regenerates them in CI and fails
on any difference. Run from the package root (the command each file's header repeats):
  python3 Scripts/generate-montgomery-fields.py && swift format format -i Sources/MonoCloudCrypto/EC/Generated/*.swift
An optional argument names another output folder (check-generated.sh writes to a temp dir).
"""

import os
import sys

P256 = 2**256 - 2**224 + 2**192 + 2**96 - 1
N256 = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P384 = 2**384 - 2**128 - 2**96 + 2**32 - 1
N384 = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973
N521 = 0x01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409

COMMAND = (
    "python3 Scripts/generate-montgomery-fields.py"
    " && swift format format -i Sources/MonoCloudCrypto/EC/Generated/*.swift"
)

TYPES = [
    ("P256FieldElement", P256, 32, False, "the P-256 base field, p = 2^256 − 2^224 + 2^192 + 2^96 − 1"),
    ("P384FieldElement", P384, 48, False, "the P-384 base field, p = 2^384 − 2^128 − 2^96 + 2^32 − 1"),
    ("P256Scalar", N256, 32, True, "the integers modulo the order n of the P-256 group"),
    ("P384Scalar", N384, 48, True, "the integers modulo the order n of the P-384 group"),
    ("P521Scalar", N521, 66, True, "the integers modulo the order n of the P-521 group"),
]

MASK = 2**64 - 1


def limbs(value, count):
    return [(value >> (64 * i)) & MASK for i in range(count)]


def hexlit(value):
    return "0x%016x" % value


class Emitter:
    def __init__(self):
        self.lines = []
        self.counter = 0

    def fresh(self, prefix):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def emit(self, line):
        self.lines.append(line)


def conditional_subtract(e, values, top, modulus_limbs):
    """values (N names) plus a top carry name (or None): subtract the modulus when the value is >= it."""
    n = len(values)
    borrow = "0"
    differences = []
    for i in range(n):
        d, b = e.fresh("d"), e.fresh("b")
        e.emit("let (%s, %s) = subtractWithBorrow(%s, %s, %s)" % (d, b, values[i], hexlit(modulus_limbs[i]), borrow))
        differences.append(d)
        borrow = b
    if top is not None:
        b = e.fresh("b")
        e.emit("let (_, %s) = subtractWithBorrow(%s, 0, %s)" % (b, top, borrow))
        borrow = b
    # A final borrow means the value was already below the modulus: keep it.
    e.emit("let keep = 0 &- %s" % borrow)
    return ["(%s & keep) | (%s & ~keep)" % (values[i], differences[i]) for i in range(n)]


def montgomery_multiply(n, modulus_limbs, mprime, a, b):
    e = Emitter()
    t = [None] * (n + 2)
    for i in range(n):
        carry = None
        for j in range(n):
            lo, hi = e.fresh("t"), e.fresh("c")
            e.emit("let (%s, %s) = multiplyAdd(%s.l%d, %s.l%d, %s, %s)" % (lo, hi, a, j, b, i, t[j] or "0", carry or "0"))
            t[j], carry = lo, hi
        if t[n] is None:
            t[n], t[n + 1] = carry, None
        else:
            s, c = e.fresh("t"), e.fresh("c")
            e.emit("let (%s, %s) = addWithCarry(%s, %s, 0)" % (s, c, t[n], carry))
            t[n], t[n + 1] = s, c
        # Reduction: add m·modulus so that the lowest limb becomes zero, then shift one limb down.
        if mprime == 1:
            m = t[0]
        else:
            m = e.fresh("m")
            e.emit("let %s = %s &* %s" % (m, t[0], hexlit(mprime)))
        if mprime == 1 and modulus_limbs[0] == MASK:
            carry = m  # t0 + t0·(2^64 − 1) = t0·2^64 exactly
        else:
            c = e.fresh("c")
            e.emit("let (_, %s) = multiplyAdd(%s, %s, %s, 0)" % (c, m, hexlit(modulus_limbs[0]), t[0]))
            carry = c
        for j in range(1, n):
            lo, hi = e.fresh("t"), e.fresh("c")
            if modulus_limbs[j] == 0:
                e.emit("let (%s, %s) = addWithCarry(%s, %s, 0)" % (lo, hi, t[j], carry))
            else:
                e.emit("let (%s, %s) = multiplyAdd(%s, %s, %s, %s)" % (lo, hi, m, hexlit(modulus_limbs[j]), t[j], carry))
            t[j - 1], carry = lo, hi
        lo, hi = e.fresh("t"), e.fresh("c")
        e.emit("let (%s, %s) = addWithCarry(%s, %s, 0)" % (lo, hi, t[n], carry))
        t[n - 1] = lo
        if t[n + 1] is None:
            t[n] = hi
        else:
            top = e.fresh("t")
            e.emit("let %s = %s &+ %s" % (top, t[n + 1], hi))
            t[n] = top
        t[n + 1] = None
    result = conditional_subtract(e, t[:n], t[n], modulus_limbs)
    e.emit("return Self(%s)" % ", ".join(result))
    return e.lines


class Accumulator:
    """A three-limb column accumulator (t0, t1, t2) of product scanning, as emitted Swift lets."""

    def __init__(self, e):
        self.e = e
        self.t = ["0", "0", "0"]

    def add_product(self, x, y, doubled=False, discard_low=False):
        e = self.e
        lo, hi = e.fresh("lo"), e.fresh("hi")
        e.emit("let (%s, %s) = multiplyAdd(%s, %s, 0, 0)" % (lo, hi, x, y))
        if doubled:
            self.add_words(lo, hi)
        self.add_words(lo, hi, discard_low)

    def add_words(self, lo, hi, discard_low=False):
        e = self.e
        a, b, c, d = e.fresh("a"), e.fresh("k"), e.fresh("a"), e.fresh("k")
        e.emit("let (%s, %s) = addWithCarry(%s, %s, 0)" % ("_" if discard_low else a, b, self.t[0], lo))
        e.emit("let (%s, %s) = addWithCarry(%s, %s, %s)" % (c, d, self.t[1], hi, b))
        top = e.fresh("a")
        e.emit("let %s = %s &+ %s" % (top, self.t[2], d))
        self.t = [a, c, top]

    def add_word_at_one(self, word):
        """Adds word·2^64."""
        e = self.e
        c, d = e.fresh("a"), e.fresh("k")
        e.emit("let (%s, %s) = addWithCarry(%s, %s, 0)" % (c, d, self.t[1], word))
        top = e.fresh("a")
        e.emit("let %s = %s &+ %s" % (top, self.t[2], d))
        self.t = [self.t[0], c, top]

    def shift(self):
        low = self.t[0]
        self.t = [self.t[1], self.t[2], "0"]
        return low


def montgomery_product_scanning(n, modulus_limbs, mprime, square):
    """Montgomery multiplication or squaring by finely integrated product scanning: column by
    column, the product terms and the reduction terms go into one three-limb accumulator."""
    e = Emitter()
    acc = Accumulator(e)
    m = [None] * n
    result = []

    def column_products(k):
        if square:
            for i in range(max(0, k - n + 1), n):
                j = k - i
                if j < i or j >= n:
                    continue
                if i == j:
                    acc.add_product("a.l%d" % i, "a.l%d" % i)
                else:
                    acc.add_product("a.l%d" % i, "a.l%d" % j, doubled=True)
        else:
            for i in range(max(0, k - n + 1), min(k, n - 1) + 1):
                acc.add_product("a.l%d" % i, "b.l%d" % (k - i))
        for i in range(max(0, k - n + 1), min(k, n)):
            if m[i] is None or k - i >= n or k - i == 0:
                continue
            if modulus_limbs[k - i] != 0:
                acc.add_product(m[i], hexlit(modulus_limbs[k - i]))

    for k in range(n):
        column_products(k)
        if mprime == 1:
            m[k] = acc.t[0]
        else:
            m[k] = e.fresh("m")
            e.emit("let %s = %s &* %s" % (m[k], acc.t[0], hexlit(mprime)))
        if mprime == 1 and modulus_limbs[0] == MASK:
            acc.add_word_at_one(m[k])  # t0 + t0·(2^64 − 1) = t0·2^64
        else:
            acc.add_product(m[k], hexlit(modulus_limbs[0]), discard_low=True)
        acc.shift()
    for k in range(n, 2 * n - 1):
        column_products(k)
        result.append(acc.shift())
    result.append(acc.t[0])
    top = acc.t[1]
    final = conditional_subtract(e, result, top, modulus_limbs)
    e.emit("return Self(%s)" % ", ".join(final))
    return e.lines


def generate(name, modulus, byte_count, is_scalar, description):
    n = (modulus.bit_length() + 63) // 64
    radix = 2 ** (64 * n)
    mprime = (-pow(modulus, -1, 2**64)) % 2**64
    p = limbs(modulus, n)
    one = limbs(radix % modulus, n)
    r2 = limbs(radix * radix % modulus, n)
    params = ", ".join("_ l%d: UInt64" % i for i in range(n))
    out = []
    w = out.append
    w("// Generated by Scripts/generate-montgomery-fields.py; edit the script, not this file.")
    w("// Regenerate: " + COMMAND)
    w("")
    w("/// An element of %s, in Montgomery form" % description)
    w("/// (x·2^%d mod m) held in %d 64-bit limbs, least significant first, always fully reduced." % (64 * n, n))
    w("///")
    w("/// Every operation is straight-line code: its time does not depend on the values.")
    w("package struct %s: %s, Equatable {" % (name, "ScalarFieldElement" if is_scalar else "PrimeFieldElement"))
    for i in range(n):
        w("  var l%d: UInt64" % i)
    w("")
    w("  @inline(__always) init(%s) {" % params)
    for i in range(n):
        w("    self.l%d = l%d" % (i, i))
    w("  }")
    w("")
    w("  package static var byteCount: Int { %d }" % byte_count)
    w("  /// Bits of the modulus.")
    w("  package static var bitCount: Int { %d }" % modulus.bit_length())
    w("  package static var zero: Self { Self(%s) }" % ", ".join(["0"] * n))
    w("  package static var one: Self { Self(%s) }" % ", ".join(hexlit(x) for x in one))
    w("  /// 2^%d squared modulo m: multiplying by it moves an integer into Montgomery form." % (64 * n))
    w("  static var montgomerySquare: Self { Self(%s) }" % ", ".join(hexlit(x) for x in r2))
    w("")
    w("  /// The integer in limbs `self` (not in Montgomery form), moved into Montgomery form.")
    w("  @inline(__always) static func fromInteger(_ integer: Self) -> Self { integer * montgomerySquare }")
    w("")
    w("  package init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {")
    w("    guard bytes.count == Self.byteCount else { return nil }")
    w("    let integer = Self(%s)" % ", ".join("bigEndianLimb(bytes, %d)" % i for i in range(n)))
    w("    // Below the modulus exactly when subtracting it borrows.")
    w("    var borrow: UInt64 = 0")
    for i in range(n):
        w("    (_, borrow) = subtractWithBorrow(integer.l%d, %s, borrow)" % (i, hexlit(p[i])))
    w("    guard borrow == 1 else { return nil }")
    w("    self = Self.fromInteger(integer)")
    w("  }")
    w("")
    if is_scalar:
        w("  package init(reducingBigEndianBytes bytes: UnsafeRawBufferPointer) {")
        w("    precondition(bytes.count == Self.byteCount)")
        w("    let integer = Self(%s)" % ", ".join("bigEndianLimb(bytes, %d)" % i for i in range(n)))
        e = Emitter()
        result = conditional_subtract(e, ["integer.l%d" % i for i in range(n)], None, p)
        for line in e.lines:
            w("    " + line)
        w("    self = Self.fromInteger(Self(%s))" % ", ".join(result))
        w("  }")
        w("")
    w("  package func write(bigEndianBytesInto output: UnsafeMutableRawBufferPointer) {")
    w("    let integer = self * Self(%s)" % ", ".join(["1"] + ["0"] * (n - 1)))
    for i in range(n):
        w("    storeBigEndianLimb(integer.l%d, %d, output, byteCount: %d)" % (i, i, byte_count))
    w("  }")
    w("")
    w("  @inline(__always) package static func + (a: Self, b: Self) -> Self {")
    e = Emitter()
    sums = []
    carry = "0"
    for i in range(n):
        s, c = e.fresh("s"), e.fresh("c")
        e.emit("let (%s, %s) = addWithCarry(a.l%d, b.l%d, %s)" % (s, c, i, i, carry))
        sums.append(s)
        carry = c
    result = conditional_subtract(e, sums, carry, p)
    e.emit("return Self(%s)" % ", ".join(result))
    for line in e.lines:
        w("    " + line)
    w("  }")
    w("")
    w("  @inline(__always) package static func - (a: Self, b: Self) -> Self {")
    e = Emitter()
    borrow = "0"
    diffs = []
    for i in range(n):
        d, b = e.fresh("d"), e.fresh("b")
        e.emit("let (%s, %s) = subtractWithBorrow(a.l%d, b.l%d, %s)" % (d, b, i, i, borrow))
        diffs.append(d)
        borrow = b
    e.emit("// On a borrow, add the modulus back.")
    e.emit("let mask = 0 &- %s" % borrow)
    carry = "0"
    res = []
    for i in range(n):
        s, c = e.fresh("r"), e.fresh("c")
        if i == n - 1:
            c = "_"
        e.emit("let (%s, %s) = addWithCarry(%s, %s & mask, %s)" % (s, c, diffs[i], hexlit(p[i]), carry))
        res.append(s)
        carry = c
    e.emit("return Self(%s)" % ", ".join(res))
    for line in e.lines:
        w("    " + line)
    w("  }")
    w("")
    w("  /// Montgomery multiplication (CIOS): a·b·2^-%d mod m, which keeps products in Montgomery form." % (64 * n))
    # wasm32 has no 64×64→128 multiply: there each limb product is built from 32-bit halves, and
    # operand scanning, where every step is one multiplyAdd with both addends folded in, beats
    # product scanning's three-limb column sums (see multiplyAddPortable).
    # On wasm32 only P-256's field (ES256, the common case) is worth unrolled code; the other
    # fields run the limb loop of MontgomeryModulus: a fraction of the code, somewhat slower.
    wasm_product = "productByOperandScanning" if name == "P256FieldElement" else "productByLimbLoop"
    w("  package static func * (a: Self, b: Self) -> Self {")
    w("    #if arch(wasm32)")
    w("      return %s(a, b)" % wasm_product)
    w("    #else")
    for line in montgomery_product_scanning(n, p, mprime, square=False):
        w("      " + line)
    w("    #endif")
    w("  }")
    w("")
    w("  /// Montgomery squaring: the multiplication with each cross product computed once.")
    w("  package func squared() -> Self {")
    w("    #if arch(wasm32)")
    w("      return Self.%s(self, self)" % wasm_product)
    w("    #else")
    w("      let a = self")
    for line in montgomery_product_scanning(n, p, mprime, square=True):
        w("      " + line)
    w("    #endif")
    w("  }")
    w("")
    # Only the wasm32 product this type uses is emitted (native tests compare it with `*`).
    if wasm_product == "productByOperandScanning":
        w("  /// Montgomery multiplication by operand scanning (CIOS): row by row, a·bᵢ then m·m added")
        w("  /// and shifted down one limb. The same result as `*`; what `*` and `squared()` use on wasm32.")
        w("  package static func productByOperandScanning(_ a: Self, _ b: Self) -> Self {")
        for line in montgomery_multiply(n, p, mprime, "a", "b"):
            w("    " + line)
        w("  }")
    else:
        w("  /// Montgomery multiplication by `MontgomeryModulus`'s limb loop over the limbs in memory")
        w("  /// (this struct is its %d limbs, least significant first). The same result as `*`; what" % n)
        w("  /// `*` and `squared()` use on wasm32.")
        w("  package static func productByLimbLoop(_ a: Self, _ b: Self) -> Self {")
        w("    MontgomeryModulus.fixedLimbProduct(")
        w("      a, b, modulus: Self(%s)," % ", ".join(hexlit(x) for x in p))
        w("      negatedInverse: %s, count: %d)" % (hexlit(mprime), n))
        w("  }")
    w("")
    w("  @inline(__always) package func negated() -> Self { Self.zero - self }")
    w("")
    exponent = modulus - 2
    exponent_limbs = limbs(exponent, n)
    top_nibble = (exponent.bit_length() - 1) // 4
    w("  /// self^(m−2) (Fermat; 0 maps to 0) by fixed 4-bit windows over the public exponent. A loop")
    w("  /// rather than an unrolled addition chain: a few more multiplications, a fraction of the")
    w("  /// code (which matters for the wasm module). The time does not depend on the value.")
    w("  package func inverted() -> Self {")
    w("    power(publicExponentLimb: Self.inversionExponentLimb, topNibble: %d)" % top_nibble)
    w("  }")
    w("")
    w("  /// Limb `index` of m − 2, the inversion exponent.")
    w("  private static func inversionExponentLimb(_ index: Int) -> UInt64 {")
    w("    switch index {")
    for i in range(n - 1):
        w("    case %d: return %s" % (i, hexlit(exponent_limbs[i])))
    w("    default: return %s" % hexlit(exponent_limbs[n - 1]))
    w("    }")
    w("  }")
    w("")
    w("  package var isZeroMask: UInt64 {")
    w("    let any = %s" % " | ".join("l%d" % i for i in range(n)))
    w("    return ((any | (0 &- any)) >> 63) &- 1")
    w("  }")
    w("")
    w("  @inline(__always) package static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self {")
    w("    Self(%s)" % ", ".join("a.l%d ^ ((a.l%d ^ b.l%d) & mask)" % (i, i, i) for i in range(n)))
    w("  }")
    w("}")
    return "\n".join(out) + "\n"


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "MonoCloudCrypto", "EC", "Generated")
    root = sys.argv[1] if len(sys.argv) > 1 else default
    for name, modulus, byte_count, is_scalar, description in TYPES:
        with open(os.path.join(root, name + ".swift"), "w") as f:
            f.write(generate(name, modulus, byte_count, is_scalar, description))


if __name__ == "__main__":
    main()
