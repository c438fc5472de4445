import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The systemd journal, reached through the standard error stream systemd connected to it.
public enum Journal {
  /// Whether `descriptor` is the stream that systemd connected to the journal: systemd
  /// sets `JOURNAL_STREAM` to that stream's `device:inode` (systemd.exec(5)), and a
  /// program whose standard error is the same file may write to it with `<N>` priority
  /// prefixes. A standard error that was redirected since (to a file, a terminal) no
  /// longer matches.
  public static func isConnected(
    _ descriptor: Int32 = STDERR_FILENO,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Bool {
    guard let value = environment["JOURNAL_STREAM"] else { return false }
    let parts = value.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
    var information = stat()
    guard fstat(descriptor, &information) == 0 else { return false }
    return UInt64(information.st_dev) == device && UInt64(information.st_ino) == inode
  }
}

/// Writes each record as one `<N>`-prefixed line to the journal's stream.
public final class JournalOutput: LogOutput, @unchecked Sendable {
  private let descriptor: Int32
  // Whole lines only: one write at a time, under `lock`.
  private let lock = NSLock()

  /// - Parameter descriptor: the stream `Journal.isConnected` found (standard error).
  public init(descriptor: Int32 = STDERR_FILENO) {
    self.descriptor = descriptor
  }

  public func write(_ record: LogRecord) {
    let bytes = Array(record.journalLine.utf8)
    lock.withLock { _ = LogWriting.writeAll(bytes, to: descriptor) }
  }
}

/// Writing bytes to a descriptor without a stray signal.
enum LogWriting {
  #if os(Linux)
    static let noSignal = Int32(MSG_NOSIGNAL)
  #else
    static let noSignal: Int32 = 0
  #endif

  /// Writes every byte, going on after partial writes and interruptions. A socket is
  /// written with `MSG_NOSIGNAL`, so that a journal that went away yields an error, not a
  /// SIGPIPE that would end the program. Returns false when the bytes could not all be written.
  static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    var useSend = true
    return bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let start = buffer.baseAddress.map { $0 + offset }
        let remaining = buffer.count - offset
        var written: Int
        if useSend {
          written = send(descriptor, start, remaining, noSignal)
          if written < 0 && errno == ENOTSOCK {
            useSend = false
            continue
          }
        } else {
          written = write(descriptor, start, remaining)
        }
        if written < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += written
      }
      return true
    }
  }
}
