import Foundation
import MallocCounter

// monocloud-bench: speed of raw signature checks and full token validations.
//
//   swift run -c release monocloud-bench            table with openssl speed figures and ratios
//   swift run -c release monocloud-bench --json     one {"name": …, "ops_per_sec": …} per line
//   … --filter rs256 --seconds 1 --no-openssl
//
// Each area of the library adds its benchmarks in its own file; the list is here.
let allBenchmarks: [Benchmark] = [
  cryptoBenchmarks(),
  rsaBenchmarks(),
  ecBenchmarks(),
  ed25519Benchmarks(),
  jsonBenchmarks(),
  joseBenchmarks(),
  dpopBenchmarks(),
  clientBenchmarks(),
  clientDPoPBenchmarks(),
].flatMap { $0 }

var json = false
var useOpenSSL = true
var filters: [String] = []
var seconds = 1.0
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "--json": json = true
  case "--no-openssl": useOpenSSL = false
  case "--filter":
    guard let value = arguments.popFirst() else { fatalError("--filter needs a value") }
    filters.append(value)
  case "--seconds":
    guard let value = arguments.popFirst(), let parsed = Double(value), parsed > 0 else {
      fatalError("--seconds needs a positive number")
    }
    seconds = parsed
  case "--list":
    for benchmark in allBenchmarks { print(benchmark.name) }
    exit(0)
  default:
    FileHandle.standardError.write(
      Data("usage: monocloud-bench [--json] [--no-openssl] [--filter NAME]… [--seconds S] [--list]\n".utf8))
    exit(2)
  }
}

let selected = allBenchmarks.filter { benchmark in
  filters.isEmpty || filters.contains { benchmark.name == $0 || benchmark.name.hasPrefix($0 + "-") }
}

if json {
  // JSON lines only: no openssl run, nothing else on stdout.
  for benchmark in selected {
    guard let result = Harness.measure(benchmark, seconds: seconds) else { continue }
    let rate = (result.opsPerSecond * 10).rounded() / 10
    print("{\"name\": \"\(result.name)\", \"ops_per_sec\": \(rate), \"allocs_per_op\": \(result.allocationsPerOp)}")
    fflush(nil)
  }
  exit(0)
}

let references = selected.compactMap(\.openssl)
let openSSL = useOpenSSL ? Harness.openSSLFigures(for: references, seconds: 1) : [:]
let counting = monocloud_allocation_counting_supported() != 0
func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
  let padding = String(repeating: " ", count: max(0, width - text.count))
  return left ? text + padding : padding + text
}
print(
  pad("benchmark", 26, left: true) + pad("ops/s", 14) + pad("µs/op", 10) + pad("openssl ops/s", 15)
    + pad("ratio", 8) + pad(counting ? "allocs/op" : "allocs(n/a)", 12))
for benchmark in selected {
  guard let result = Harness.measure(benchmark, seconds: seconds) else { continue }
  let reference = benchmark.openssl.flatMap { openSSL[$0] }
  let ratio = reference.map { String(format: "%.2f", result.opsPerSecond / $0) } ?? "—"
  print(
    pad(result.name, 26, left: true) + pad(String(format: "%.0f", result.opsPerSecond), 14)
      + pad(String(format: "%.2f", 1e6 / result.opsPerSecond), 10)
      + pad(reference.map { String(format: "%.0f", $0) } ?? "—", 15) + pad(ratio, 8)
      + pad(String(format: "%.2f", result.allocationsPerOp), 12))
  fflush(nil)
}
