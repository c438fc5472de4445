import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What went wrong in the outbox or its transport.
public enum OutboxError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A system call failed: what was done, to which path, and `errno`.
  case system(operation: String, path: String, code: Int32)
  /// No ticket in the outbox has this reference.
  case unknownReference(String)
  /// This is not a ticket reference, so it cannot name a file.
  case invalidReference(String)
  /// The ticket was delivered already; there is nothing to re-queue.
  case alreadyDelivered(String)
  /// A deliverer is sending the ticket right now.
  case beingSent(String)
  /// The ticket's message was purged after the retention time: there is nothing to send.
  case purged(String)

  public var description: String {
    switch self {
    case .system(let operation, let path, let code):
      "\(operation) \(path): \(String(cString: strerror(code))) (errno \(code))"
    case .unknownReference(let reference): "No ticket has the reference \(reference)."
    case .invalidReference(let reference): "\"\(reference)\" is not a ticket reference."
    case .alreadyDelivered(let reference): "\(reference) was delivered already."
    case .beingSent(let reference): "\(reference) is being sent right now; try again in a minute."
    case .purged(let reference): "\(reference) was purged after the retention time; there is no message to send."
    }
  }
}

/// Files and folders only their owner may read: the outbox's database and the spool.
enum PrivateFiles {
  /// Owner read, write and search.
  static let folderMode: mode_t = 0o700
  /// Owner read and write.
  static let fileMode: mode_t = 0o600

  /// Creates the folder (and its parents) if it is missing and gives it mode 0700.
  ///
  /// - Parameter fixingMode: also set 0700 on a folder that already exists.
  static func makeFolder(_ url: URL, fixingMode: Bool) throws {
    let path = try fileSystemPath(url)
    if !FileManager.default.fileExists(atPath: path) {
      do {
        try FileManager.default.createDirectory(
          at: url, withIntermediateDirectories: true,
          attributes: [.posixPermissions: NSNumber(value: Int16(folderMode))])
      } catch {
        // Another process may have created it meanwhile; otherwise this is an error.
        guard FileManager.default.fileExists(atPath: path) else { throw error }
      }
      try setMode(folderMode, path: path)
    } else if fixingMode {
      try setMode(folderMode, path: path)
    }
  }

  /// Creates the file empty with mode 0600 if it is missing, and sets 0600 on it.
  ///
  /// A file that exists is never opened here: closing a descriptor drops every POSIX lock
  /// this process holds on the file, so opening and closing a database that SQLite has open
  /// elsewhere in the process would let another process think it is alone and delete the
  /// write-ahead log under it.
  static func makeFile(_ url: URL) throws {
    let path = try fileSystemPath(url)
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
    if descriptor < 0 {
      guard errno == EEXIST else { throw systemError("Cannot create", path) }
      try setMode(fileMode, path: path)
      return
    }
    defer { close(descriptor) }
    guard fchmod(descriptor, fileMode) == 0 else { throw systemError("Cannot set mode of", path) }
  }

  /// Sets `mode` on the file or folder at `path`.
  static func setMode(_ mode: mode_t, path: String) throws {
    guard chmod(path, mode) == 0 else { throw systemError("Cannot set mode of", path) }
  }

  /// Sets 0600 on the file at `path` if it exists.
  static func restrictIfPresent(_ path: String) throws {
    if chmod(path, fileMode) != 0, errno != ENOENT {
      throw systemError("Cannot set mode of", path)
    }
  }

  /// Writes all of `bytes` to an open file, retrying after interruptions and short writes.
  static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw systemError("Cannot write", path)
      }
      written += result
    }
  }

  /// Flushes the folder's entries (a rename in it) to the disk.
  static func syncFolder(_ path: String) throws {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw systemError("Cannot open folder", path) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw systemError("Cannot sync folder", path) }
  }

  /// The path of a file URL, as the system calls want it.
  static func fileSystemPath(_ url: URL) throws -> String {
    let path = url.withUnsafeFileSystemRepresentation { $0.map { String(cString: $0) } }
    guard let path, !path.isEmpty else {
      throw OutboxError.system(operation: "Not a file path", path: url.absoluteString, code: EINVAL)
    }
    return path
  }

  /// The error for the failed system call, from `errno`.
  static func systemError(_ operation: String, _ path: String) -> OutboxError {
    .system(operation: operation, path: path, code: errno)
  }
}
