// Two throw-away self-signed client certificates (openssl req -x509), as base64 DER on one
// line: the form a TLS-terminating proxy may forward in a header.
enum TestCertificates {
  static let clientA = oneLine(
    """
    MIIBfDCCASGgAwIBAgIUHbqGrvjhC9oGfNFlLp7gATQ08L4wCgYIKoZIzj0EAwIwEzERMA8GA1UE
    AwwIY2xpZW50LWEwHhcNMjYxMjA2MjI1MjQ1WhcNMzYxMjAzMjI1MjQ1WjATMREwDwYDVQQDDAhj
    bGllbnQtYTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNm8OzJKb4aO11zwqcr4nqa1TSWv/ku9
    GheTvLJF/UJ/ZAzyK+tLXC11qAQDRjPtPOgo4zalD78j41KFsnsQN+2jUzBRMB0GA1UdDgQWBBSl
    oCOHaxjaXuDwo+DXn6Tn2zvePzAfBgNVHSMEGDAWgBSloCOHaxjaXuDwo+DXn6Tn2zvePzAPBgNV
    HRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQCynAphLmXOw/Q1d3fCHy/6rPH6xPS2LH+D
    Db5u06yyMQIhAKiyTudwfbr4bNFW4SKMyNUatii8CouApeGgjfBMkS3J
    """)

  static let clientB = oneLine(
    """
    MIIBejCCASGgAwIBAgIUdy4WPyiT7iiXYYDXS5XbbWiQR8kwCgYIKoZIzj0EAwIwEzERMA8GA1UE
    AwwIY2xpZW50LWIwHhcNMjYxMjA2MjI1MjQ1WhcNMzYxMjAzMjI1MjQ1WjATMREwDwYDVQQDDAhj
    bGllbnQtYjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABF+PeVUJBdzE19s1BQ94ID8KdHdbcGOT
    AH4G88OVtj02/llRYhaNYTPGPjM76SBJ1hhtW1/+xZiu4tEAWwTkNWOjUzBRMB0GA1UdDgQWBBSR
    QMiQu8KnD4TwVTE9Tmgkyw6ZCzAfBgNVHSMEGDAWgBSRQMiQu8KnD4TwVTE9Tmgkyw6ZCzAPBgNV
    HRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIHsO+qF9kn/bJN8zDiLneDlABfvZeEQ5NQn2
    OM2ofIR3AiAFkIXhjMXU2XMgERbEToUX3HZ72vJM5BbNXA6FfR5BcQ==
    """)

  private static func oneLine(_ text: String) -> String { text.filter { !$0.isNewline } }
}
