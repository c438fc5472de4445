import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the log file cannot be used.
public struct LogFileError: Error, CustomStringConvertible {
  public var description: String
}

/// A log file in the state folder, for when the journal is not there: created with mode
/// 0600 (an existing file is set to 0600 too), opened for appending, one `write` per line,
/// so the kiosk and the operator's commands can share it. When a line would take it past
/// `maximumSize` bytes, it is renamed to `<name>.1` (replacing the previous one) and a new
/// file is begun; whichever process renames it, the others notice and follow.
///
/// `@unchecked Sendable`: the descriptor and the failure are read and written only while
/// holding `lock`.
public final class LogFile: LogOutput, @unchecked Sendable {
  /// 1 MiB, and as much again in the previous file.
  public static let defaultMaximumSize = 1 << 20

  public let url: URL
  public let maximumSize: Int
  private let lock = NSLock()
  private var descriptor: Int32 = -1
  /// Why the file could not be opened; once set, nothing more is tried.
  private var failure: LogFileError?

  /// Nothing is opened until `open()` or the first line.
  public init(url: URL, maximumSize: Int = LogFile.defaultMaximumSize) {
    self.url = url
    self.maximumSize = maximumSize
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// The older file, `<name>.1`.
  public var previousURL: URL { url.appendingPathExtension("1") }

  /// Opens the file (creating it and its folder) unless it is open already.
  ///
  /// - Throws: `LogFileError` saying why it cannot be written; later lines are then dropped.
  public func open() throws(LogFileError) {
    lock.lock()
    defer { lock.unlock() }
    try openLocked()
  }

  public func write(_ record: LogRecord) {
    let bytes = Array(record.fileLine.utf8)
    lock.lock()
    defer { lock.unlock() }
    do { try openLocked() } catch { return }
    // A file that cannot be rotated is written on; one that cannot be reopened is not.
    try? followRotation()
    if let current = try? size(), current > 0 && current + bytes.count > maximumSize { try? rotate() }
    guard descriptor >= 0 else { return }
    _ = LogWriting.writeAll(bytes, to: descriptor)
  }

  // MARK: Under the lock

  private func openLocked() throws(LogFileError) {
    if descriptor >= 0 { return }
    if let failure { throw failure }
    do {
      descriptor = try Self.openFile(url)
    } catch {
      failure = error
      throw error
    }
  }

  /// The file's size now.
  private func size() throws(LogFileError) -> Int {
    var information = stat()
    guard fstat(descriptor, &information) == 0 else { throw Self.error("cannot be read", url) }
    return Int(information.st_size)
  }

  /// Reopens the file by its name when another process has rotated it.
  private func followRotation() throws(LogFileError) {
    guard !isStillNamed() else { return }
    try reopen()
  }

  /// Whether the open file is still the one at `url`.
  private func isStillNamed() -> Bool {
    var open = stat()
    var named = stat()
    guard fstat(descriptor, &open) == 0, lstat(url.path, &named) == 0 else { return false }
    return open.st_dev == named.st_dev && open.st_ino == named.st_ino
  }

  /// Renames the file to `<name>.1` and begins a new one. An exclusive `flock` keeps two
  /// processes from rotating at once: the second finds the name taken by a new file and
  /// only opens that.
  private func rotate() throws(LogFileError) {
    _ = flock(descriptor, LOCK_EX)
    if isStillNamed() {
      guard rename(url.path, previousURL.path) == 0 else {
        let error = Self.error("cannot be renamed to \(previousURL.lastPathComponent)", url)
        _ = flock(descriptor, LOCK_UN)
        throw error
      }
    }
    try reopen()
  }

  private func reopen() throws(LogFileError) {
    close(descriptor)
    descriptor = -1
    try openLocked()
  }

  // MARK: Opening

  private static func openFile(_ url: URL) throws(LogFileError) -> Int32 {
    let folder = url.deletingLastPathComponent()
    var isFolder: ObjCBool = false
    if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
      do {
        try FileManager.default.createDirectory(
          at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw LogFileError(description: "\(folder.path): the folder cannot be created (\(reason(error)))")
      }
    }
    let descriptor = openForAppending(url.path)
    guard descriptor >= 0 else { throw error("cannot be opened", url) }
    var information = stat()
    guard fstat(descriptor, &information) == 0, (information.st_mode & S_IFMT) == S_IFREG else {
      close(descriptor)
      throw LogFileError(description: "\(url.path): not a regular file")
    }
    if information.st_mode & 0o077 != 0 && fchmod(descriptor, 0o600) != 0 {
      let failure = error("cannot be made private (mode 0600)", url)
      close(descriptor)
      throw failure
    }
    return descriptor
  }

  private static func error(_ what: String, _ url: URL) -> LogFileError {
    LogFileError(description: "\(url.path): \(what) (\(String(cString: strerror(errno))))")
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}

/// `open(2)` for appending, creating the file with mode 0600; never through a symbolic link.
private func openForAppending(_ path: String) -> Int32 {
  open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
}
