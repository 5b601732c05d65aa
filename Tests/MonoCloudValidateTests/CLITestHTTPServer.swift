import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 (random port) for the online CLI tests: one
/// connection at a time, `Connection: close`, canned answers from `respond`. Logs every
/// request as "METHOD /path".
final class CLITestHTTPServer: @unchecked Sendable {
  struct Request {
    var method: String
    var path: String
    var body: String
  }

  struct Response {
    var status: Int
    var contentType = "application/json"
    var body: String
  }

  let port: UInt16
  private let socketDescriptor: Int32
  private let respond: @Sendable (Request) -> Response
  private let lock = NSLock()
  private var log: [String] = []
  private var stopped = false

  var baseURL: String { "http://127.0.0.1:\(port)" }

  /// The requests so far, as "METHOD /path".
  var requests: [String] { lock.withLock { log } }

  init(respond: @escaping @Sendable (Request) -> Response) throws {
    self.respond = respond
    signal(SIGPIPE, SIG_IGN)
    #if canImport(Darwin)
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #else
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #endif
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(descriptor, 16) == 0 else {
      close(descriptor)
      throw POSIXError(.EADDRINUSE)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    port = UInt16(bigEndian: address.sin_port)
    socketDescriptor = descriptor
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  func stop() {
    lock.withLock { stopped = true }
    shutdown(socketDescriptor, Int32(SHUT_RDWR))
    close(socketDescriptor)
  }

  private func serve() {
    while true {
      let connection = accept(socketDescriptor, nil, nil)
      if connection < 0 {
        if lock.withLock({ stopped }) { return }
        continue
      }
      handle(connection)
      close(connection)
    }
  }

  private func handle(_ connection: Int32) {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    var headerEnd: Int?
    var contentLength = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
      if count <= 0 { break }
      received.append(contentsOf: buffer[0..<count])
      if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: received) {
        headerEnd = end + 4
        let head = String(decoding: received[0..<end], as: UTF8.self)
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
          contentLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
        }
      }
      if let headerEnd, received.count >= headerEnd + contentLength { break }
    }
    guard let headerEnd else { return }
    let head = String(decoding: received[0..<headerEnd], as: UTF8.self)
    let requestLine = head.split(separator: "\r\n").first?.split(separator: " ") ?? []
    guard requestLine.count >= 2 else { return }
    let request = Request(
      method: String(requestLine[0]), path: String(requestLine[1]),
      body: String(decoding: received[headerEnd...], as: UTF8.self))
    lock.withLock { log.append("\(request.method) \(request.path)") }
    let response = respond(request)
    let body = Array(response.body.utf8)
    let header =
      "HTTP/1.1 \(response.status) Status\r\nContent-Type: \(response.contentType)\r\n"
      + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
    let bytes = Array(header.utf8) + body
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Self.sendFlags) }
      if count <= 0 { return }
      sent += count
    }
  }

  #if canImport(Darwin)
    private static let sendFlags: Int32 = 0
  #else
    private static let sendFlags = Int32(MSG_NOSIGNAL)
  #endif

  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle)
    {
      return start
    }
    return nil
  }
}
