import Foundation
import MallocCounter

/// Which `openssl speed` figure a benchmark is compared with.
enum OpenSSLReference: Equatable {
  /// `openssl speed rsaBITS`, verifications per second.
  case rsaVerify(bits: Int)
  /// `openssl speed rsaBITS`, signatures per second.
  case rsaSign(bits: Int)
  /// `openssl speed ecdsapBITS` verifications (256, 384, 521).
  case ecdsaVerify(bits: Int)
  /// `openssl speed ecdsapBITS` signatures.
  case ecdsaSign(bits: Int)
  /// `openssl speed ed25519` verifications.
  case ed25519Verify
  /// `openssl speed ed25519` signatures.
  case ed25519Sign
  /// `openssl speed -evp sha256 -bytes N`, hashes per second.
  case sha256(bytes: Int)
  /// `openssl speed -hmac sha256 -bytes N`, MACs per second.
  case hmacSHA256(bytes: Int)

  /// The `openssl speed` algorithm argument that produces this figure.
  var speedArguments: [String] {
    switch self {
    case .rsaVerify(let bits), .rsaSign(let bits): return ["rsa\(bits)"]
    case .ecdsaVerify(let bits), .ecdsaSign(let bits): return ["ecdsap\(bits)"]
    case .ed25519Verify, .ed25519Sign: return ["ed25519"]
    case .sha256(let bytes): return ["-evp", "sha256", "-bytes", "\(bytes)"]
    case .hmacSHA256(let bytes): return ["-hmac", "sha256", "-bytes", "\(bytes)"]
    }
  }
}

/// One named measurement. `prepare` does all setup (key parsing, signing the input) and
/// returns the operation to time; the operation must do the whole job once per call and
/// return whether it succeeded, so that a broken implementation cannot look fast.
struct Benchmark {
  let name: String
  let openssl: OpenSSLReference?
  let prepare: () -> () -> Bool
}

struct Measurement {
  let name: String
  let opsPerSecond: Double
  let allocationsPerOp: Double
  let openssl: Double?
}

enum Harness {
  /// Runs the operation until `seconds` have passed, three times, and keeps the best rate
  /// (the least disturbed by other work on the machine).
  static func measure(_ benchmark: Benchmark, seconds: Double) -> Measurement? {
    let operation = benchmark.prepare()
    guard operation() else {
      FileHandle.standardError.write(Data("\(benchmark.name): the operation failed; not measured\n".utf8))
      return nil
    }
    // Warm up and find a batch size that takes about 10 ms.
    var batch = 1
    let clock = ContinuousClock()
    while true {
      let elapsed = clock.measure { for _ in 0..<batch { _ = operation() } }
      if elapsed > .milliseconds(10) || batch >= 1 << 24 { break }
      batch *= 2
    }
    // Allocations in steady state: one batch, counted.
    let before = monocloud_allocation_count()
    for _ in 0..<batch { _ = operation() }
    let allocations = Double(monocloud_allocation_count() - before) / Double(batch)

    // Rates are per second of this thread's CPU time, as `openssl speed` reports them, so
    // that other work on a loaded machine does not skew the ratio.
    var best = 0.0
    for _ in 0..<3 {
      var operations = 0
      let start = threadCPUSeconds()
      let deadline = start + seconds / 3
      var now = start
      repeat {
        for _ in 0..<batch { _ = operation() }
        operations += batch
        now = threadCPUSeconds()
      } while now < deadline
      best = max(best, Double(operations) / (now - start))
    }
    return Measurement(name: benchmark.name, opsPerSecond: best, allocationsPerOp: allocations, openssl: nil)
  }

  /// Runs `openssl speed -mr` once per distinct algorithm and returns operations per second
  /// for every reference asked for. Missing figures (no openssl on PATH) are simply absent.
  static func openSSLFigures(for references: [OpenSSLReference], seconds: Int) -> [OpenSSLReference: Double] {
    var figures: [OpenSSLReference: Double] = [:]
    var done: Set<[String]> = []
    for reference in references where !done.contains(reference.speedArguments) {
      done.insert(reference.speedArguments)
      guard let output = run(["openssl", "speed", "-seconds", "\(seconds)", "-mr"] + reference.speedArguments) else {
        continue
      }
      for line in output.split(separator: "\n") {
        let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch fields.first {
        case "+F2" where fields.count >= 5:  // +F2:index:bits:sign/s:verify/s
          if let bits = Int(fields[2]), let sign = Double(fields[3]), let verify = Double(fields[4]) {
            figures[.rsaSign(bits: bits)] = sign
            figures[.rsaVerify(bits: bits)] = verify
          }
        case "+F4" where fields.count >= 5:  // +F4:index:bits:sign/s:verify/s
          if let bits = Int(fields[2]), let sign = Double(fields[3]), let verify = Double(fields[4]) {
            figures[.ecdsaSign(bits: bits)] = sign
            figures[.ecdsaVerify(bits: bits)] = verify
          }
        case "+F6" where fields.count >= 6 && fields[3] == "Ed25519":  // +F6:index:bits:name:sign/s:verify/s
          if let sign = Double(fields[4]), let verify = Double(fields[5]) {
            figures[.ed25519Sign] = sign
            figures[.ed25519Verify] = verify
          }
        case "+F" where fields.count >= 4:  // +F:index:name:bytes/s (one size)
          if let bytesPerSecond = Double(fields[3]) {
            switch reference {
            case .sha256(let bytes) where fields[2] == "sha256":
              figures[reference] = bytesPerSecond / Double(bytes)
            case .hmacSHA256(let bytes) where fields[2] == "hmac(sha256)":
              figures[reference] = bytesPerSecond / Double(bytes)
            default: break
            }
          }
        default: break
        }
      }
    }
    return figures
  }

  /// CPU time consumed by the calling thread, in seconds.
  static func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  private static func run(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}

extension OpenSSLReference: Hashable {}
