import MonoCloudJOSE
import Testing

@Suite struct DPoPKeyCacheTests {
  typealias T = DPoPTestSupport

  /// Counts what the validator asks of its key cache.
  final class CountingCache: DPoPKeyCache {
    let inner = DPoPKeyMemoryCache(capacity: 8)
    var lookups = 0
    var hits = 0
    var remembered = 0

    func preparedKey(forHeader header: UnsafeRawBufferPointer) -> DPoPPreparedKey? {
      lookups += 1
      let key = inner.preparedKey(forHeader: header)
      if key != nil { hits += 1 }
      return key
    }

    func remember(_ key: DPoPPreparedKey, forHeader header: UnsafeRawBufferPointer) {
      remembered += 1
      inner.remember(key, forHeader: header)
    }
  }

  @Test func aClientsKeyIsImportedOnce() throws {
    let cache = CountingCache()
    let replay = DPoPReplayMemoryCache(capacity: 8)
    let key = T.key("ec-p256")
    for n in 0..<3 {
      let proof = T.proof(key: key, algorithm: .es256, claims: T.claims(jti: "jti-\(n)"))
      let accepted = try DPoPProofValidator().validate(
        T.request(proof), accessToken: T.accessToken, confirmationThumbprint: key.thumbprint(), now: T.now,
        replayCache: replay, keyCache: cache)
      #expect(accepted.thumbprint == key.thumbprint())
    }
    #expect(cache.lookups == 3)
    #expect(cache.remembered == 1)
    #expect(cache.hits == 2)
    // A bad signature under a remembered header is still refused.
    var forged = Array(T.proof(key: key, algorithm: .es256, claims: T.claims(jti: "jti-x")).utf8)
    forged[forged.count - 3] = forged[forged.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    let reason = T.failure { () throws(DPoPError) in
      _ = try DPoPProofValidator().verify(
        T.request(String(decoding: forged, as: UTF8.self)), accessToken: T.accessToken, confirmationThumbprint: nil,
        now: T.now, keyCache: cache)
    }
    #expect(reason == .badSignature)
    #expect(cache.hits == 3)
  }

  @Test func aSharedCacheCannotWidenAnotherValidatorsAlgorithms() throws {
    let cache = DPoPKeyMemoryCache()
    let proof = T.proof(key: T.key("ec-p256"), algorithm: .es256)
    _ = try DPoPProofValidator().verify(
      T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now, keyCache: cache)
    let edOnly = DPoPProofValidator(DPoPValidationOptions(algorithms: [.edDSA]))
    let reason = T.failure { () throws(DPoPError) in
      _ = try edOnly.verify(
        T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now, keyCache: cache)
    }
    #expect(reason == .algorithmNotAllowed)
  }

  @Test func theTableIsBoundedAndComparesWholeHeaders() throws {
    var table = DPoPKeyTable(capacity: 2)
    let validator = DPoPProofValidator()
    let keys = ["ec-p256", "ec-p384", "okp-ed25519"].map(T.key)
    let algorithms: [JWSAlgorithm] = [.es256, .es384, .edDSA]
    var headers: [[UInt8]] = []
    for (key, algorithm) in zip(keys, algorithms) {
      let proof = T.proof(key: key, algorithm: algorithm)
      let cache = DPoPKeyMemoryCache(capacity: 1)
      let accepted = try validator.verify(
        T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now, keyCache: cache)
      let header = Array(proof.utf8.prefix { $0 != UInt8(ascii: ".") })
      headers.append(header)
      header.withUnsafeBytes { bytes in
        #expect(cache.preparedKey(forHeader: bytes)?.thumbprint == accepted.thumbprint)
        table.remember(
          DPoPTestSupport.preparedKey(cache, header: bytes), forHeader: bytes)
      }
    }
    // Three headers, two slots: at most two are remembered; each lookup is exact.
    var found = 0
    for (index, header) in headers.enumerated() {
      header.withUnsafeBytes { bytes in
        if let key = table.preparedKey(forHeader: bytes) {
          found += 1
          #expect(key.thumbprint == keys[index].thumbprint())
        }
      }
    }
    #expect(found >= 1 && found <= 2)
    var altered = headers[0]
    altered[altered.count - 1] = altered[altered.count - 1] == UInt8(ascii: "Q") ? UInt8(ascii: "R") : UInt8(ascii: "Q")
    altered.withUnsafeBytes { #expect(table.preparedKey(forHeader: $0) == nil) }
  }
}

extension DPoPTestSupport {
  static func preparedKey(_ cache: DPoPKeyMemoryCache, header: UnsafeRawBufferPointer) -> DPoPPreparedKey {
    cache.preparedKey(forHeader: header)!
  }
}
