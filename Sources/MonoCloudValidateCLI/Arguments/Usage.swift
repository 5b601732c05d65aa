/// Which build of the tool is running: the full `monocloud-validate` (offline and online) or
/// the Foundation-free `monocloud-validate-offline` (only `--jwks`).
package struct Tool: Sendable {
  /// The program name in usage texts and hints.
  package var name: String
  /// Whether the tool can validate through the tenant (discovery, JWKS, introspection).
  package var hasOnlineMode: Bool

  package static let full = Tool(name: "monocloud-validate", hasOnlineMode: true)
  package static let offlineOnly = Tool(name: "monocloud-validate-offline", hasOnlineMode: false)

  /// The line that follows a usage error.
  var usageHint: String { "Run '\(name) --help' for usage.\n" }

  /// The error of an offline-only build run without `--jwks` (exit 2, one line).
  var offlineOnlyFailure: CLIFailure {
    .configuration(
      "\(name) is offline-only: pass --jwks FILE (with --metadata, --issuer or --tenant-domain), "
        + "or use monocloud-validate for tenant discovery, JWKS download and introspection")
  }

  /// The text `--help` prints (also documented in README.md, "Command-line tool").
  var usageText: String {
    var lines = [
      "Usage: \(name) [options] TOKEN",
      "       \(name) [options] -            (read the token from standard input)",
      "       \(name) [options] --batch      (one token per line on standard input)",
      "",
    ]
    if hasOnlineMode {
      lines += [
        "Validates an access token issued by a MonoCloud tenant (or any OpenID Connect issuer).",
        "With --jwks the token is validated offline against the keys in FILE (no network at all);",
        "otherwise the tenant is used (discovery, JWKS, introspection).",
      ]
    } else {
      lines += [
        "Validates an access token issued by a MonoCloud tenant (or any OpenID Connect issuer)",
        "offline, against the keys in the --jwks FILE (no network at all). This build has no",
        "online mode: --jwks is required; tenant discovery, JWKS download and introspection",
        "need monocloud-validate. Its online-only options (--client-id, --client-secret,",
        "--client-auth-method) are accepted and ignored; --introspect is an error.",
      ]
    }
    lines += ["", "Options (flags override MONOCLOUD_BACKEND_* environment variables):"]
    // The options, each line marked when it belongs to an online-only option.
    let options: [(line: String, online: Bool)] = [
      ("  --tenant-domain URL        tenant domain, also the expected issuer      TENANT_DOMAIN", online: false),
      ("  --audience AUD             required audience (aud); a,b accepts either  AUDIENCE", online: false),
      ("  --client-id ID             client for introspection                     CLIENT_ID", online: true),
      ("  --client-secret SECRET     client secret or private JWK (JSON)          CLIENT_SECRET", online: true),
      ("  --client-auth-method M     client_secret_basic (default), client_secret_post,", online: true),
      ("                             client_secret_jwt, private_key_jwt, tls_client_auth,", online: true),
      ("                             self_signed_tls_client_auth, spiffe_jwt (SVID from", online: true),
      ("                             SPIFFE_JWT_SVID), spiffe_x509                CLIENT_AUTH_METHOD", online: true),
      ("  (variables only)           response timeout in ms, at least 1000        RESPONSE_TIMEOUT", online: true),
      ("                             mTLS alias trust store                       TRUST_STORE_ID", online: true),
      ("  --clock-skew SECONDS       added to the current time (default 0)        CLOCK_SKEW", online: false),
      ("  --clock-tolerance SECONDS  leeway for exp, nbf and iat (default 300)    CLOCK_TOLERANCE", online: false),
      ("  --max-token-age SECONDS    refuse tokens issued longer ago (needs iat)  MAX_TOKEN_AGE", online: false),
      ("  --allow-missing-exp        accept tokens without exp (default: refused)", online: false),
      ("  --require-typ T            required header typ, e.g. at+jwt (repeatable or T1,T2)", online: false),
      ("  --introspect               introspect JWTs too (online only)            INTROSPECT_JWT_TOKENS", online: true),
      ("  --scope S                  required scope (repeatable; \"a b\" = two scopes; blank = error)", online: false),
      ("  --group G                  required group (repeatable)", online: false),
      ("  --groups-claim NAME        claim listing the groups (default groups)    GROUPS_CLAIM", online: false),
      ("  --groups-match-all         require every --group (default: any one)     GROUPS_MATCH_ALL", online: false),
      (
        "  --certificate FILE         client certificate (PEM, base64 or DER) for certificate-bound tokens",
        online: false
      ),
      ("  --certificate-binding M    when_present (default), required, dangerously_ignore", online: false),
      (
        "                                                                          VALIDATE_CERTIFICATE_BINDING",
        online: false
      ),
      ("  --now UNIX-SECONDS         validate at this time instead of the clock", online: false),
      ("  --jwks FILE                offline: the issuer's JWKS (or one PEM public key)", online: false),
      ("  --metadata FILE            the issuer's discovery document (its issuer is expected)", online: false),
      ("  --issuer ISSUER            offline: the expected issuer, a,b for several (default:", online: false),
      ("                             --metadata's issuer,", online: false),
      ("                             else the tenant domain)", online: false),
      ("  --batch                    validate one token per standard-input line, one JSON line each", online: false),
      ("  --htm METHOD --htu URL     DPoP (RFC 9449): the request's method and URL; a DPoP-bound", online: false),
      ("                             token (cnf.jkt) then needs a valid proof", online: false),
      ("  --dpop-proof JWT           the request's DPoP header (with --batch: lines TOKEN<TAB>PROOF)", online: false),
      ("  --help                     print this help", online: false),
    ]
    lines += options.filter { hasOnlineMode || !$0.online }.map { $0.line }
    lines += ["Options also accept --name=value; boolean options accept --name=true|false.", ""]
    if hasOnlineMode {
      lines += [
        "Exit status: 0 valid (the claims as one JSON line on stdout); 1 token rejected",
        "(\"error: <code>: <message>\" on stderr, code invalid_token, inactive_token,",
        "insufficient_scope or insufficient_groups); 2 usage or configuration error; 3 the",
        "authorization server could not be reached or failed.",
      ]
    } else {
      lines += [
        "Exit status: 0 valid (the claims as one JSON line on stdout); 1 token rejected",
        "(\"error: <code>: <message>\" on stderr, code invalid_token, insufficient_scope or",
        "insufficient_groups); 2 usage or configuration error (a run without --jwks is one).",
      ]
    }
    lines += [
      "--batch prints {\"valid\":true,\"claims\":{...}} or {\"valid\":false,\"error\":\"<code>\",\"message\":\"...\"}",
      "per input line (an empty line yields invalid_token) and exits 0 once all lines are done.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}
