import MonoCloudJOSE

/// The client secret: a plain string, or a JWK as JSON text (an `oct` key for
/// `client_secret_jwt`; an RSA, EC or OKP private key for `private_key_jwt`). A PEM private
/// key (`-----BEGIN …`) given as `.string` is accepted for `private_key_jwt`.
///
/// Never printed: `description`, `debugDescription` and reflection (`dump`, `Mirror`) show
/// only which form it has.
public enum ClientSecret: Sendable, Equatable {
  case string(String)
  case jwk(String)

  /// A secret given as text (a flag or `MONOCLOUD_BACKEND_CLIENT_SECRET`): a JSON object with
  /// a `kty` member is a JWK, anything else a plain secret.
  public init(text: String) {
    if text.utf8.first == UInt8(ascii: "{"), let object = try? JSONReader.parseObject(text), object["kty"] != nil {
      self = .jwk(text)
    } else {
      self = .string(text)
    }
  }
}

extension ClientSecret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  public var description: String {
    switch self {
    case .string: return "ClientSecret.string(<redacted>)"
    case .jwk: return "ClientSecret.jwk(<redacted>)"
    }
  }

  public var debugDescription: String { description }

  public var customMirror: Mirror {
    Mirror(self, children: ["value": "<redacted>"], displayStyle: .enum)
  }
}
