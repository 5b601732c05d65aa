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


# MARK: - P-384 with 32-bit limbs (32-bit targets)

P384_WORDS = 12
WORD_MASK = 2**32 - 1


def solinas_coefficients():
    """For each product word k ≥ 12, its signed coefficients on words 0…11: 2^(32k) reduced with
    2^384 ≡ 2^128 + 2^96 − 2^32 + 1 (mod p) until every index is below 12."""
    table = {}
    for k in range(P384_WORDS, 2 * P384_WORDS):
        terms = {k: 1}
        while any(index >= P384_WORDS for index in terms):
            index = max(terms)
            c = terms.pop(index)
            for target, sign in ((index - 12, 1), (index - 11, -1), (index - 9, 1), (index - 8, 1)):
                terms[target] = terms.get(target, 0) + sign * c
        table[k] = {i: c for i, c in terms.items() if c != 0}
    for k, terms in table.items():
        assert sum(c * 2 ** (32 * i) for i, c in terms.items()) % P384 == 2 ** (32 * k) % P384
    return table


def p384_field32():
    n = P384_WORDS
    words = [(P384 >> (32 * i)) & WORD_MASK for i in range(n)]
    table = solinas_coefficients()
    out = []
    w = out.append
    w("// Generated by Scripts/generate-montgomery-fields.py; edit the script, not this file.")
    w("// Regenerate: " + COMMAND)
    w("")
    w("// The P-384 base field with 32-bit limbs, for 32-bit targets. wasm32 has a native 64-bit multiply")
    w("// but no 64×64→128-bit one, so the 6-limb Montgomery field's 72 wide products per multiplication")
    w("// each cost four multiplies and a carry chain there; here a multiplication is 144 plain")
    w("// 32×32→64-bit products and a reduction by the shape of p, with shifts and additions only.")
    w("")
    w("/// An element of the P-384 base field, p = 2^384 − 2^128 − 2^96 + 2^32 − 1, as its integer")
    w("/// value (not in Montgomery form) in 12 32-bit limbs, least significant first, always fully reduced.")
    w("///")
    w("/// Products are reduced with 2^384 ≡ 2^128 + 2^96 − 2^32 + 1 (mod p) (the Solinas reduction of")
    w("/// FIPS 186-4 D.2.4): each word of the upper half adds to or subtracts from a few words of the")
    w("/// lower half, in signed 64-bit sums; the carry out is folded back the same way twice. It replaces")
    w("/// `P384FieldElement` on 32-bit targets (see `NISTCurves.swift`) and compiles on every target so")
    w("/// native tests can compare the two. Every operation runs in time independent of the values.")
    w("package struct P384FieldElement32: PrimeFieldElement, Equatable {")
    for i in range(n):
        w("  var l%d: UInt32" % i)
    w("")
    w("  @inline(__always) init(%s) {" % ", ".join("_ l%d: UInt32" % i for i in range(n)))
    for i in range(n):
        w("    self.l%d = l%d" % (i, i))
    w("  }")
    w("")
    w("  package static var byteCount: Int { 48 }")
    w("  package static var zero: Self { Self(%s) }" % ", ".join("0" for _ in range(n)))
    w("  package static var one: Self { Self(%s) }" % ", ".join("1" if i == 0 else "0" for i in range(n)))
    w("")
    w("  package init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {")
    w("    guard bytes.count == Self.byteCount else { return nil }")
    w("    @inline(__always) func word(_ k: Int) -> UInt32 {")
    w("      UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 44 - 4 * k, as: UInt32.self))")
    w("    }")
    w("    self.init(%s)" % ", ".join("word(%d)" % i for i in range(n)))
    w("    // Below the modulus exactly when subtracting it borrows.")
    w("    var borrow: UInt64 = 0")
    for i in range(n):
        w("    borrow = (UInt64(l%d) &- %s &- borrow) &>> 63" % (i, hexlit(words[i])))
    w("    guard borrow == 1 else { return nil }")
    w("  }")
    w("")
    w("  package func write(bigEndianBytesInto output: UnsafeMutableRawBufferPointer) {")
    w("    precondition(output.count >= 48, \"P384FieldElement32.write needs 48 bytes\")")
    for i in range(n):
        w("    output.storeBytes(of: l%d.bigEndian, toByteOffset: %d, as: UInt32.self)" % (i, 44 - 4 * i))
    w("  }")
    w("")
    # Conditional subtraction of p from words s0…s11 plus a carry word `top` (0 or 1).
    def reduce_once(prefix, top):
        w("    var borrow: UInt64 = 0")
        for i in range(n):
            w("    let %sd%d = %ss%d &- %s &- borrow" % (prefix, i, prefix, i, hexlit(words[i])))
            w("    borrow = %sd%d &>> 63" % (prefix, i))
        w("    // Keep the sum where subtracting p borrows past the carry word.")
        w("    let keep = UInt32(truncatingIfNeeded: 0 &- ((%s &- borrow) &>> 63))" % top)
        w("    return Self(%s)" % ", ".join(
            "(UInt32(truncatingIfNeeded: %ss%d) & keep) | (UInt32(truncatingIfNeeded: %sd%d) & ~keep)" % (prefix, i, prefix, i)
            for i in range(n)))
    w("  // Not inlined (nor `-`, `*`, `squared()`): the point formulas call them dozens of times, and")
    w("  // on the 32-bit targets that use this type the module's size matters more than a call.")
    w("  @inline(never) package static func + (a: Self, b: Self) -> Self {")
    w("    var carry: UInt64 = 0")
    for i in range(n):
        w("    let t%d = UInt64(a.l%d) &+ UInt64(b.l%d) &+ carry" % (i, i, i))
        w("    let s%d = t%d & 0xffff_ffff" % (i, i))
        w("    carry = t%d &>> 32" % i)
    reduce_once("", "carry")
    w("  }")
    w("")
    w("  @inline(never) package static func - (a: Self, b: Self) -> Self {")
    w("    var borrow: UInt64 = 0")
    for i in range(n):
        w("    let d%d = UInt64(a.l%d) &- UInt64(b.l%d) &- borrow" % (i, i, i))
        w("    borrow = d%d &>> 63" % i)
    w("    // On a borrow, add the modulus back.")
    w("    let mask = 0 &- borrow")
    w("    var carry: UInt64 = 0")
    for i in range(n):
        w("    let r%d = (d%d & 0xffff_ffff) &+ (%s & mask) &+ carry" % (i, i, hexlit(words[i])))
        w("    carry = r%d &>> 32" % i)
    w("    return Self(%s)" % ", ".join("UInt32(truncatingIfNeeded: r%d)" % i for i in range(n)))
    w("  }")
    w("")
    w("  @inline(never) package static func * (a: Self, b: Self) -> Self {")
    for i in range(n):
        w("    let a%d = UInt64(a.l%d)" % (i, i))
    for i in range(n):
        w("    let b%d = UInt64(b.l%d)" % (i, i))
    w("    // Column sums of 32-bit halves: each product's low half to its column, high half to the next.")
    columns = [[] for _ in range(2 * n)]
    for i in range(n):
        for j in range(n):
            columns[i + j].append(("a%d &* b%d" % (i, j), False))
    emit_columns(w, columns, n)
    w("  }")
    w("")
    w("  /// The square: 78 limb products instead of 144 (each cross product once, its halves doubled).")
    w("  @inline(never) package func squared() -> Self {")
    for i in range(n):
        w("    let a%d = UInt64(l%d)" % (i, i))
    columns = [[] for _ in range(2 * n)]
    for i in range(n):
        for j in range(i, n):
            columns[i + j].append(("a%d &* a%d" % (i, j), i != j))
    emit_columns(w, columns, n)
    w("  }")
    w("")
    w("  /// The product words w0…w23 (each below 2^32) reduced modulo p.")
    w("  @inline(__always)")
    w("  static func reduced(%s) -> Self {" % ", ".join("_ w%d: UInt64" % i for i in range(2 * n)))
    w("    // Signed sums: word j of the lower half plus the upper-half words that fold onto it.")
    for j in range(n):
        terms = ["Int64(w%d)" % j]
        for k in range(n, 2 * n):
            c = table[k].get(j, 0)
            if c == 0:
                continue
            term = "Int64(w%d)" % k if abs(c) == 1 else "Int64(w%d) &* %d" % (k, abs(c))
            terms.append(("&+ " if c > 0 else "&- ") + term)
        w("    var s%d = %s" % (j, " ".join(terms)))
    w("    // Three signed carry passes; between them the carry out c (a multiple of 2^384) folds")
    w("    // back as c·(2^128 + 2^96 − 2^32 + 1). After the second fold c is 0 (the value is below 2^384).")
    w("    for _ in 0..<2 {")
    for j in range(1, n):
        w("      s%d &+= s%d &>> 32" % (j, j - 1))
        w("      s%d &= 0xffff_ffff" % (j - 1))
    w("      let c = s%d &>> 32" % (n - 1))
    w("      s%d &= 0xffff_ffff" % (n - 1))
    w("      s0 &+= c")
    w("      s1 &-= c")
    w("      s3 &+= c")
    w("      s4 &+= c")
    w("    }")
    for j in range(1, n):
        w("    s%d &+= s%d &>> 32" % (j, j - 1))
    w("    // Now 0 ≤ value < 2^384 < 2p: subtract p once where it does not borrow.")
    w("    var borrow: UInt64 = 0")
    for i in range(n):
        w("    let d%d = UInt64(truncatingIfNeeded: s%d & 0xffff_ffff) &- %s &- borrow" % (i, i, hexlit(words[i])))
        w("    borrow = d%d &>> 63" % i)
    w("    let keep = UInt32(truncatingIfNeeded: 0 &- borrow)")
    w("    return Self(%s)" % ", ".join(
        "(UInt32(truncatingIfNeeded: s%d) & keep) | (UInt32(truncatingIfNeeded: d%d) & ~keep)" % (i, i) for i in range(n)))
    w("  }")
    w("")
    w("  @inline(__always) package func negated() -> Self { Self.zero - self }")
    w("")
    w("  /// self^(p−2) (Fermat; 0 maps to 0) by fixed 4-bit windows over the public exponent.")
    w("  package func inverted() -> Self {")
    w("    power(publicExponentLimb: Self.inversionExponentLimb, topNibble: 95)")
    w("  }")
    w("")
    w("  /// 64-bit limb `index` of p − 2, the inversion exponent.")
    w("  private static func inversionExponentLimb(_ index: Int) -> UInt64 {")
    w("    switch index {")
    exponent = limbs(P384 - 2, 6)
    for i in range(5):
        w("    case %d: return %s" % (i, hexlit(exponent[i])))
    w("    default: return %s" % hexlit(exponent[5]))
    w("    }")
    w("  }")
    w("")
    w("  package var isZeroMask: UInt64 {")
    w("    let any = UInt64(%s)" % " | ".join("l%d" % i for i in range(n)))
    w("    return ((any | (0 &- any)) >> 63) &- 1")
    w("  }")
    w("")
    w("  @inline(__always) package static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self {")
    w("    let m = UInt32(truncatingIfNeeded: mask)")
    w("    return Self(%s)" % ", ".join("a.l%d ^ ((a.l%d ^ b.l%d) & m)" % (i, i, i) for i in range(n)))
    w("  }")
    w("}")
    return "\n".join(out) + "\n"


def emit_columns(w, columns, n):
    """Column sums c0…c23 of 32-bit halves (below 2^38), then one carry pass to words."""
    started = set()

    def add(k, expression):
        if k in started:
            w("    c%d &+= %s" % (k, expression))
        else:
            # Column 0 takes a single half and no carry: the only one never updated.
            w("    %s c%d = %s" % ("let" if k == 0 and len(columns[0]) == 1 else "var", k, expression))
            started.add(k)

    for k in range(2 * n - 1):
        for index, (product, doubled) in enumerate(columns[k]):
            name = "p%d_%d" % (k, index)
            w("    let %s = %s" % (name, product))
            shift = " &<< 1" if doubled else ""
            add(k, "(%s & 0xffff_ffff)%s" % (name, shift))
            add(k + 1, "(%s &>> 32)%s" % (name, shift))
    for k in range(1, 2 * n):
        w("    c%d &+= c%d &>> 32" % (k, k - 1))
    w("    return Self.reduced(%s)" % ", ".join(
        ("c%d & 0xffff_ffff" % k) if k < 2 * n - 1 else "c%d" % k for k in range(2 * n)))


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "MonoCloudCrypto", "EC", "Generated")
    root = sys.argv[1] if len(sys.argv) > 1 else default
    for name, modulus, byte_count, is_scalar, description in TYPES:
        with open(os.path.join(root, name + ".swift"), "w") as f:
            f.write(generate(name, modulus, byte_count, is_scalar, description))
    with open(os.path.join(root, "P384FieldElement32.swift"), "w") as f:
        f.write(p384_field32())


if __name__ == "__main__":
    main()
