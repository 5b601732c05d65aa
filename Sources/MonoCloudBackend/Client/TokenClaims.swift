import MonoCloudJOSE

/// The claims of a validated token: the JWT payload, or the introspection response
/// without `active`.
public struct TokenClaims: Sendable, Equatable {
  /// All claims, in their original order.
  public var object: JSONObject

  public init(_ object: JSONObject) {
    self.object = object
  }

  /// The claims as compact JSON text.
  public var json: String { JSONWriter.string(object) }

  /// `sub`, when it is a string.
  public var subject: String? { object.string("sub") }

  /// The granted scopes: the `scope` claim split on any ASCII whitespace, else an `scp` array.
  public var scopes: [String] {
    if let scope = object.string("scope") {
      return scope.utf8.split { $0 == 0x20 || (0x09...0x0D).contains($0) }.map { String(decoding: $0, as: UTF8.self) }
    }
    return object.strings("scp") ?? []
  }

  /// The claim named `name`.
  public subscript(name: String) -> JSONValue? { object[name] }
}
