/// The text `--help` prints (also documented in README.md, "Command-line tool").
let usageText = """
  Usage: monocloud-validate [options] TOKEN
         monocloud-validate [options] -            (read the token from standard input)
         monocloud-validate [options] --batch      (one token per line on standard input)

  Validates an access token issued by a MonoCloud tenant (or any OpenID Connect issuer).
  With --jwks the token is validated offline against the keys in FILE (no network at all);
  otherwise the tenant is used (discovery, JWKS, introspection).

  Options (flags override MONOCLOUD_BACKEND_* environment variables):
    --tenant-domain URL        tenant domain, also the expected issuer      TENANT_DOMAIN
    --audience AUD             required audience (aud)                      AUDIENCE
    --client-id ID             client for introspection                     CLIENT_ID
    --client-secret SECRET     client secret or private JWK (JSON)          CLIENT_SECRET
    --client-auth-method M     client_secret_basic (default), client_secret_post,
                               client_secret_jwt, private_key_jwt, tls_client_auth,
                               self_signed_tls_client_auth                  CLIENT_AUTH_METHOD
    --clock-skew SECONDS       added to the current time (default 0)        CLOCK_SKEW
    --clock-tolerance SECONDS  leeway for exp and nbf (default 300)         CLOCK_TOLERANCE
    --introspect               introspect JWTs too (online only)            INTROSPECT_JWT_TOKENS
    --scope S                  required scope (repeatable; "a b" = two scopes)
    --group G                  required group (repeatable)
    --groups-claim NAME        claim listing the groups (default groups)    GROUPS_CLAIM
    --groups-match-all         require every --group (default: any one)     GROUPS_MATCH_ALL
    --certificate FILE         client certificate (PEM, base64 or DER) for certificate-bound tokens
    --certificate-binding M    when_present (default), required, dangerously_ignore
                                                                            VALIDATE_CERTIFICATE_BINDING
    --now UNIX-SECONDS         validate at this time instead of the clock
    --jwks FILE                offline: the issuer's JWKS (or one PEM public key)
    --metadata FILE            the issuer's discovery document (its issuer is expected)
    --issuer ISSUER            offline: the expected issuer (default: --metadata's issuer,
                               else the tenant domain)
    --batch                    validate one token per standard-input line, one JSON line each
    --help                     print this help
  Options also accept --name=value; boolean options accept --name=true|false.

  Exit status: 0 valid (the claims as one JSON line on stdout); 1 token rejected
  ("error: <code>: <message>" on stderr, code invalid_token, inactive_token,
  insufficient_scope or insufficient_groups); 2 usage or configuration error; 3 the
  authorization server could not be reached or failed.
  --batch prints {"valid":true,"claims":{...}} or {"valid":false,"error":"<code>","message":"..."}
  per input line (an empty line yields invalid_token) and exits 0 once all lines are done.

  """
