import Testing

/// Locates the checked-in test vectors (`Vectors/` at the package root).
enum JOSEVectorFiles {
  static let directory: String = {
    var path = #filePath
    for _ in 0..<3 {
      while let last = path.last, last != "/" { path.removeLast() }
      path.removeLast()
    }
    return path + "/Vectors"
  }()
}
