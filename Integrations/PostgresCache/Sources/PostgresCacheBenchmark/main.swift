// One JSON line: introspection-cache hits through two backend clients ("instances") that share
// one PostgreSQL table, each with its own PostgresClient, against an in-process tenant that
// counts introspections. The first request goes alone (as a new token reaches one instance
// first); the other requests run concurrently, alternating between the instances.
// Run through Scripts/bench-postgres-cache.sh, which starts the server.
import PostgresNIO

#if canImport(Glibc)
  import Glibc
#endif

func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

guard let host = variable("PGHOST"), let port = variable("PGPORT").flatMap(Int.init), let user = variable("PGUSER"),
  let database = variable("PGDATABASE")
else {
  print("postgres-cache-benchmark: PG* variables missing; run it through Scripts/bench-postgres-cache.sh")
  exit(2)
}
let configuration = PostgresClient.Configuration(
  host: host, port: port, username: user, password: variable("PGPASSWORD"), database: database, tls: .disable)
do {
  print(try await Benchmark().run(configuration: configuration))
} catch {
  print("postgres-cache-benchmark: \(error)")
  exit(1)
}
