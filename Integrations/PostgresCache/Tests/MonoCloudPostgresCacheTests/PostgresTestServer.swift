import Logging
import MonoCloudBackend
import PostgresNIO
import Synchronization
import Testing

/// Every suite that talks to PostgreSQL nests in this one: it runs them one after another,
/// because the outage suite stops the shared server.
@Suite(.serialized) enum PostgresSuites {}

/// The throw-away server `Scripts/with-postgres.sh` starts, found through the libpq variables.
enum PostgresTestServer {
  struct Settings {
    var host: String
    var port: Int
    var user: String
    var password: String
    var database: String
  }

  /// The server's settings; records a failure naming the script (and throws) when they are missing.
  static func settings() throws -> Settings {
    let env = Environment.variables
    guard let host = env["PGHOST"], let port = env["PGPORT"].flatMap(Int.init), let user = env["PGUSER"],
      let password = env["PGPASSWORD"], let database = env["PGDATABASE"]
    else {
      Issue.record(
        "PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE are not set: run these tests through Scripts/with-postgres.sh (e.g. `Scripts/with-postgres.sh swift test` in Integrations/PostgresCache)"
      )
      throw MissingServer()
    }
    return Settings(host: host, port: port, user: user, password: password, database: database)
  }

  struct MissingServer: Error {}

  /// A client of the test server, running in a task until `body` returns.
  static func withClient<Value>(
    maximumConnections: Int = 20, _ body: (PostgresClient) async throws -> Value
  ) async throws -> Value {
    try await withClients(count: 1, maximumConnections: maximumConnections) { try await body($0[0]) }
  }

  /// `count` independent clients (as if on `count` instances), each running until `body` returns.
  static func withClients<Value>(
    count: Int, maximumConnections: Int = 20, _ body: ([PostgresClient]) async throws -> Value
  ) async throws -> Value {
    let settings = try settings()
    var configuration = PostgresClient.Configuration(
      host: settings.host, port: settings.port, username: settings.user, password: settings.password,
      database: settings.database, tls: .disable)
    configuration.options.maximumConnections = maximumConnections
    configuration.options.connectTimeout = .seconds(2)
    let clients = (0..<count).map { _ in PostgresClient(configuration: configuration) }
    return try await withThrowingTaskGroup(of: Void.self) { group in
      for client in clients { group.addTask { await client.run() } }
      defer { group.cancelAll() }
      return try await body(clients)
    }
  }

  /// A fresh table name per test, so tests never see each other's rows.
  static func uniqueTable(_ prefix: String) -> String {
    "\(prefix)_\(UInt32.random(in: 0...UInt32.max))_\(UInt16.random(in: 0...UInt16.max))"
  }

  /// Stops or starts the server through the helper the script exports.
  static func control(_ action: String) throws {
    guard let command = Environment.variables["PGCTL_COMMAND"] else {
      Issue.record("PGCTL_COMMAND is not set: run these tests through Scripts/with-postgres.sh")
      throw MissingServer()
    }
    let status = Shell.run(command + " " + action + " >/dev/null 2>&1")
    #expect(status == 0, "\(action) of the test server failed (\(status))")
  }
}

/// A clock the test moves by hand (seconds).
final class SteppingClock: Sendable {
  private let seconds: Mutex<Int64>
  init(_ start: Int64 = 1_900_000_000) { seconds = Mutex(start) }
  var now: Int64 { seconds.withLock { $0 } }
  func advance(_ delta: Int64) { seconds.withLock { $0 += delta } }
  var clock: MonoCloudClock {
    MonoCloudClock { [self] in now * 1000 }
  }
}

/// Values recorded from `@Sendable` callbacks.
final class Recorder<Value: Sendable>: Sendable {
  private let values = Mutex<[Value]>([])
  func append(_ value: Value) { values.withLock { $0.append(value) } }
  var all: [Value] { values.withLock { $0 } }
}
