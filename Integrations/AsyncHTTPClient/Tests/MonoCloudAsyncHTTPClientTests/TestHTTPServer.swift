import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An HTTP/1.1 server on 127.0.0.1 and a port the OS picks, optionally behind TLS (which may
/// require a client certificate). Each request goes to `respond`; the server counts
/// connections, requests and the bytes of streamed bodies it managed to send.
final class TestHTTPServer: Sendable {
  struct Request: Sendable {
    var method: String
    var uri: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// DER of the certificate the client presented, if any.
    var clientCertificateDER: [UInt8]?
    var connection: Int

    var path: String { String(uri.prefix { $0 != "?" }) }
    var bodyText: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? {
      headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
  }

  struct Response: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// When set, the body is this many bytes streamed in 64 KiB chunks without a length.
    var streamedBytes: Int?
    /// When set, the answer is sent this much later.
    var delay: TimeAmount?

    init(
      status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], streamedBytes: Int? = nil,
      delay: TimeAmount? = nil
    ) {
      self.status = status
      self.headers = headers
      self.body = body
      self.streamedBytes = streamedBytes
      self.delay = delay
    }

    static func json(_ text: String, status: Int = 200) -> Response {
      Response(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
    }
  }

  struct Statistics: Sendable {
    var connections = 0
    var requests = 0
    var streamedBytesSent = 0
    var streamFinished = false
  }

  let port: Int
  let scheme: String
  private let channel: any Channel
  let statistics: NIOLockedValueBox<Statistics>

  var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

  private init(port: Int, scheme: String, channel: any Channel, statistics: NIOLockedValueBox<Statistics>) {
    self.port = port
    self.scheme = scheme
    self.channel = channel
    self.statistics = statistics
  }

  static func start(
    tls: TLSConfiguration? = nil, respond: @escaping @Sendable (Request) -> Response
  ) async throws -> TestHTTPServer {
    let context = try tls.map { try NIOSSLContext(configuration: $0) }
    let statistics = NIOLockedValueBox(Statistics())
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        let connection = statistics.withLockedValue {
          $0.connections += 1
          return $0.connections
        }
        return channel.eventLoop.makeCompletedFuture {
          if let context { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
          try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
          try channel.pipeline.syncOperations.addHandler(
            RequestHandler(connection: connection, statistics: statistics, respond: respond))
        }
      }
      .bind(host: "127.0.0.1", port: 0).get()
    return TestHTTPServer(
      port: channel.localAddress?.port ?? 0, scheme: tls == nil ? "http" : "https", channel: channel,
      statistics: statistics)
  }

  func stop() async throws {
    try await channel.close()
  }
}

private final class RequestHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  let connection: Int
  let statistics: NIOLockedValueBox<TestHTTPServer.Statistics>
  let respond: @Sendable (TestHTTPServer.Request) -> TestHTTPServer.Response
  private var head: HTTPRequestHead?
  private var body: [UInt8] = []

  init(
    connection: Int, statistics: NIOLockedValueBox<TestHTTPServer.Statistics>,
    respond: @escaping @Sendable (TestHTTPServer.Request) -> TestHTTPServer.Response
  ) {
    self.connection = connection
    self.statistics = statistics
    self.respond = respond
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      self.head = head
      body = []
    case .body(var buffer):
      body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
    case .end:
      guard let head else { return }
      statistics.withLockedValue { $0.requests += 1 }
      let certificate = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self).peerCertificate?
        .toDERBytes()
      let request = TestHTTPServer.Request(
        method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body,
        clientCertificateDER: certificate, connection: connection)
      let response = respond(request)
      if let delay = response.delay {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: delay) {
          let (handler, context) = loopBound.value
          handler.write(response, version: head.version, context: context)
        }
      } else {
        write(response, version: head.version, context: context)
      }
    }
  }

  private func write(_ response: TestHTTPServer.Response, version: HTTPVersion, context: ChannelHandlerContext) {
    var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
    if response.streamedBytes == nil { headers.replaceOrAdd(name: "Content-Length", value: "\(response.body.count)") }
    let head = HTTPResponseHead(version: version, status: .init(statusCode: response.status), headers: headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    if let total = response.streamedBytes {
      stream(remaining: total, context: context)
      return
    }
    if !response.body.isEmpty {
      context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
    }
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
  }

  /// Writes the next chunk once the previous one went out; stops when the peer is gone.
  private func stream(remaining: Int, context: ChannelHandlerContext) {
    guard remaining > 0 else {
      statistics.withLockedValue { $0.streamFinished = true }
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
      return
    }
    let size = min(remaining, 64 * 1024)
    let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: size)
    let statistics = self.statistics
    let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
    context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk)))).whenComplete { result in
      guard case .success = result else { return }
      statistics.withLockedValue { $0.streamedBytesSent += size }
      let (handler, context) = loopBound.value
      handler.stream(remaining: remaining - size, context: context)
    }
  }
}
