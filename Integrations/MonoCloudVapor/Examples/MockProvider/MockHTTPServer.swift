import NIOCore
import NIOHTTP1
import NIOPosix

/// A minimal HTTP/1.1 server on SwiftNIO: each complete request goes to `respond`, whose
/// answer is written with a `Content-Length`. Binds to the given host and port (0: the OS picks).
final class MockHTTPServer: Sendable {
  struct Request: Sendable {
    var method: String
    var uri: String
    var body: [UInt8]

    var path: String { String(uri.prefix { $0 != "?" }) }
  }

  struct Response: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    static func json(_ text: String, status: Int = 200) -> Response {
      Response(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
    }
  }

  let port: Int
  private let channel: any Channel

  private init(port: Int, channel: any Channel) {
    self.port = port
    self.channel = channel
  }

  static func start(
    host: String, port: Int, respond: @escaping @Sendable (Request) -> Response
  ) async throws -> MockHTTPServer {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
          try channel.pipeline.syncOperations.addHandler(MockRequestHandler(respond: respond))
        }
      }
      .bind(host: host, port: port).get()
    return MockHTTPServer(port: channel.localAddress?.port ?? 0, channel: channel)
  }

  func stop() async throws {
    try await channel.close()
  }
}

private final class MockRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  let respond: @Sendable (MockHTTPServer.Request) -> MockHTTPServer.Response
  private var head: HTTPRequestHead?
  private var body: [UInt8] = []

  init(respond: @escaping @Sendable (MockHTTPServer.Request) -> MockHTTPServer.Response) {
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
      let response = respond(.init(method: head.method.rawValue, uri: head.uri, body: body))
      var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
      headers.replaceOrAdd(name: "Content-Length", value: "\(response.body.count)")
      let responseHead = HTTPResponseHead(
        version: head.version, status: .init(statusCode: response.status), headers: headers)
      context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
      if !response.body.isEmpty {
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
      }
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
  }
}
