/// What `DPoPProofValidator` accepts (RFC 9449 §4.3). Times are Unix seconds.
public struct DPoPValidationOptions: Sendable {
  /// The proof signature algorithms accepted (also the `algs` of `WWW-Authenticate`). Only
  /// asymmetric ones can be used: `HS*` here is dropped by the validator (a proof is signed
  /// with the private key of its own embedded public key, so a shared secret makes no sense).
  public var algorithms: [JWSAlgorithm]
  /// How far in the past `iat` may be (default 300 s). It is also how long a `jti` is kept
  /// in the replay cache: a replay later than that fails the `iat` check instead.
  public var maximumProofAge: Int64
  /// How far in the future `iat` may be, for clients whose clock runs ahead (default 5 s).
  public var futureTolerance: Int64
  /// Added to `now` to get the validator's current time (corrects a known clock offset).
  public var clockSkew: Int64
  /// The longest `jti` accepted, in UTF-8 bytes (RFC 9449 §11.1: refuse needlessly large
  /// ones; clients send about 16 to 43 characters).
  public var maximumIdentifierByteCount: Int
  /// Proofs longer than this are refused before any parsing (an RSA-8192 proof is about 4 KiB).
  public var maximumProofByteCount: Int

  /// RS/PS/ES 256/384/512, EdDSA and Ed25519: every asymmetric algorithm of the library.
  public static let defaultAlgorithms: [JWSAlgorithm] = JWSAlgorithm.defaultAllowList

  public init(
    algorithms: [JWSAlgorithm] = DPoPValidationOptions.defaultAlgorithms, maximumProofAge: Int64 = 300,
    futureTolerance: Int64 = 5, clockSkew: Int64 = 0, maximumIdentifierByteCount: Int = 256,
    maximumProofByteCount: Int = 8192
  ) {
    self.algorithms = algorithms
    self.maximumProofAge = maximumProofAge
    self.futureTolerance = futureTolerance
    self.clockSkew = clockSkew
    self.maximumIdentifierByteCount = maximumIdentifierByteCount
    self.maximumProofByteCount = maximumProofByteCount
  }
}
