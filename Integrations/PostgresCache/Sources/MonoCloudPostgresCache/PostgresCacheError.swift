import PostgresNIO

/// Why a PostgreSQL-backed store could not answer. Messages name the operation and the
/// PostgreSQL error code, never keys, values or tokens.
public enum PostgresCacheError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The table name is not a plain lowercase SQL identifier (`[a-z_][a-z0-9_]*`, at most 63 characters).
  case invalidTableName
  /// PostgreSQL did not answer within the deadline (`operation`, e.g. `replay.insert`).
  case timedOut(operation: String, milliseconds: Int64)
  /// PostgreSQL refused or could not be reached; `reason` is the driver's error code.
  case unavailable(operation: String, reason: String)

  public var description: String {
    switch self {
    case .invalidTableName: "the PostgreSQL table name must match [a-z_][a-z0-9_]* (at most 63 characters)"
    case .timedOut(let operation, let milliseconds):
      "PostgreSQL did not answer \(operation) within \(milliseconds) ms"
    case .unavailable(let operation, let reason): "PostgreSQL failed \(operation): \(reason)"
    }
  }

  /// The error for a driver failure, reduced to its code (driver descriptions may carry the query).
  static func from(_ error: any Error, operation: String) -> PostgresCacheError {
    if let own = error as? PostgresCacheError { return own }
    if let driver = error as? PSQLError { return .unavailable(operation: operation, reason: driver.code.description) }
    return .unavailable(operation: operation, reason: String(describing: type(of: error)))
  }
}

/// A failure the introspection cache absorbed (it answered "miss" or skipped a write), handed
/// to the `onFailure` closure for logs and metrics.
public struct PostgresCacheFailure: Sendable, Equatable {
  /// `get`, `set`, `delete` or `sweep`.
  public let operation: String
  public let error: PostgresCacheError
}

/// Checks a table name before it is spliced into SQL (identifiers cannot be bound parameters).
func validatedTableName(_ name: String) throws(PostgresCacheError) -> String {
  let bytes = Array(name.utf8)
  guard let first = bytes.first, bytes.count <= 63, first == UInt8(ascii: "_") || (0x61...0x7A).contains(first),
    bytes.allSatisfy({ $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
  else { throw .invalidTableName }
  return name
}
