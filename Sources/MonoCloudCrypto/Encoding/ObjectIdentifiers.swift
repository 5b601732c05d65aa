/// Content bytes (without tag and length) of the object identifiers the key formats use.
/// Compare them with what `DERReader.readObjectIdentifier()` returns.
public enum ObjectIdentifiers {
  /// rsaEncryption, 1.2.840.113549.1.1.1 (PKCS #1).
  public static let rsaEncryption: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
  /// id-RSASSA-PSS, 1.2.840.113549.1.1.10 (RFC 4055).
  public static let rsassaPSS: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a]
  /// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480).
  public static let ecPublicKey: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
  /// secp256r1 (P-256), 1.2.840.10045.3.1.7.
  public static let secp256r1: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
  /// secp384r1 (P-384), 1.3.132.0.34.
  public static let secp384r1: [UInt8] = [0x2b, 0x81, 0x04, 0x00, 0x22]
  /// secp521r1 (P-521), 1.3.132.0.35.
  public static let secp521r1: [UInt8] = [0x2b, 0x81, 0x04, 0x00, 0x23]
  /// id-Ed25519, 1.3.101.112 (RFC 8410).
  public static let ed25519: [UInt8] = [0x2b, 0x65, 0x70]
  /// id-sha1, 1.3.14.3.2.26 (PKCS #1 DigestInfo).
  public static let sha1: [UInt8] = [0x2b, 0x0e, 0x03, 0x02, 0x1a]
  /// id-sha224, 2.16.840.1.101.3.4.2.4.
  public static let sha224: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04]
  /// id-sha256, 2.16.840.1.101.3.4.2.1.
  public static let sha256: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]
  /// id-sha384, 2.16.840.1.101.3.4.2.2.
  public static let sha384: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02]
  /// id-sha512, 2.16.840.1.101.3.4.2.3.
  public static let sha512: [UInt8] = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03]
}
