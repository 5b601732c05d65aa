/// The claims of a validated token: the JWT payload, or the introspection response
/// without `active`, as JSON text.
// TODO(json): also expose the parsed JSONObject once MonoCloudJOSE's JSON reader lands.
public struct TokenClaims: Sendable, Equatable {
  /// The claims as a JSON object text.
  public var json: String

  public init(json: String) {
    self.json = json
  }
}
