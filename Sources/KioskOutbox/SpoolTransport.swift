import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The embedded transport: writes each message as `<reference>.eml` into a folder that
/// something else (a mail pickup, an operator, a sync job) empties.
///
/// Each file appears whole or not at all: the message is written to a hidden temporary
/// file in the same folder (mode 0600) and synced, then hard-linked to its name, which
/// fails rather than replace a file that is there, and the folder synced.
///
/// An existing file is never overwritten:
/// - When `<reference>.eml` holds this very message (the ticket was delivered again, say
///   after the outbox was restored from a backup), the delivery succeeds and no second
///   copy is made.
/// - When it holds another message (another ticket with the same reference, from another
///   kiosk sharing the folder, or a file put there by hand), this one is written as
///   `<reference>.2.eml` (or `.3.eml`…): both reach the help desk, nothing waits for an
///   operator, and the name shows the clash.
public struct SpoolTransport: TicketTransport {
  public let folder: URL

  /// The most files one reference may have (`<reference>.eml` to `<reference>.99.eml`).
  static let maximumCopies = 99

  public init(folder: URL) {
    self.folder = folder
  }

  /// The messages stay on the kiosk until something collects them.
  public var sendsMessages: Bool { false }

  /// Removes the messages written before `date` that are still in the folder (nothing
  /// collected them), and temporary files a crash left behind: regular files only, by
  /// their modification time; anything else in the folder is left alone.
  ///
  /// - Returns: how many files were removed.
  public func removeCopies(before date: Date) throws -> Int {
    let folderPath = try PrivateFiles.fileSystemPath(folder)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderPath) else { return 0 }
    var removed = 0
    for name in names where Self.isMessageFile(name) {
      let path = folderPath + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
        Double(status.st_mtim.tv_sec) < date.timeIntervalSince1970
      else { continue }
      guard unlink(path) == 0 else { throw PrivateFiles.systemError("Cannot remove", path) }
      removed += 1
    }
    if removed > 0 { try PrivateFiles.syncFolder(folderPath) }
    return removed
  }

  /// Whether `name` is one this transport writes: `<reference>.eml`, `<reference>.N.eml`,
  /// or a hidden temporary `.<reference>.<hex>.tmp`.
  static func isMessageFile(_ name: String) -> Bool {
    var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if parts.first == "", parts.last == "tmp", parts.count == 4 {
      return TicketReference.isValid(parts[1])
    }
    guard parts.count >= 2, parts.removeLast() == "eml" else { return false }
    if parts.count == 2 {
      guard let copy = Int(parts.removeLast()), (2...maximumCopies).contains(copy) else { return false }
    }
    return parts.count == 1 && TicketReference.isValid(parts[0])
  }

  /// The file name of the `copy`th message with this reference: `NLM-….eml`, then
  /// `NLM-….2.eml`, `NLM-….3.eml`…
  public static func fileName(reference: String, copy: Int = 1) -> String {
    copy <= 1 ? "\(reference).eml" : "\(reference).\(copy).eml"
  }

  /// Writes the message to `<folder>/<reference>.eml`, creating the folder (mode 0700) if
  /// it is missing; never replaces a file (see the type's description).
  ///
  /// Throws a permanent `TransportFailure` when `<reference>.eml` to `<reference>.99.eml`
  /// all exist with other messages, and `OutboxError` when a system call fails (the
  /// ticket is tried again later).
  public func deliver(reference: String, message: [UInt8]) throws {
    // The reference names the file, so it must not be able to name another folder.
    guard TicketReference.isValid(reference), reference == reference.uppercased() else {
      throw OutboxError.invalidReference(reference)
    }
    try PrivateFiles.makeFolder(folder, fixingMode: false)
    let folderPath = try PrivateFiles.fileSystemPath(folder)
    let temporaryPath = folderPath + "/." + reference + "." + Outbox.randomHex() + ".tmp"

    let descriptor = open(
      temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, PrivateFiles.fileMode)
    guard descriptor >= 0 else { throw PrivateFiles.systemError("Cannot create", temporaryPath) }
    var isOpen = true
    var isRemoved = false
    defer {
      if isOpen { close(descriptor) }
      if !isRemoved { unlink(temporaryPath) }
    }
    guard fchmod(descriptor, PrivateFiles.fileMode) == 0 else {
      throw PrivateFiles.systemError("Cannot set mode of", temporaryPath)
    }
    try PrivateFiles.writeAll(message, to: descriptor, path: temporaryPath)
    guard fsync(descriptor) == 0 else {
      throw PrivateFiles.systemError("Cannot sync", temporaryPath)
    }
    isOpen = false
    guard close(descriptor) == 0 else {
      throw PrivateFiles.systemError("Cannot close", temporaryPath)
    }
    for copy in 1...Self.maximumCopies {
      let finalPath = folderPath + "/" + Self.fileName(reference: reference, copy: copy)
      // link(2) never replaces an existing name: it fails with EEXIST.
      if link(temporaryPath, finalPath) != 0 {
        guard errno == EEXIST else { throw PrivateFiles.systemError("Cannot link to", finalPath) }
        guard Self.holds(finalPath, message) else { continue }
      }
      // Linked, or the message was there already: the temporary name goes, then the
      // folder is synced so that the name is durable.
      isRemoved = true
      unlink(temporaryPath)
      try PrivateFiles.syncFolder(folderPath)
      return
    }
    throw TransportFailure(
      .permanent,
      "\(Self.fileName(reference: reference)) to \(Self.fileName(reference: reference, copy: Self.maximumCopies)) "
        + "in \(folderPath) all hold other messages; move them away, then retry the ticket")
  }

  /// Whether the file at `path` holds exactly `message` (false when it cannot be read, is
  /// a symbolic link or a folder, or differs).
  static func holds(_ path: String, _ message: [UInt8]) -> Bool {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    // One byte more than the message, to see a longer file.
    var contents = [UInt8](repeating: 0, count: message.count + 1)
    var total = 0
    while total < contents.count {
      let count = contents.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress! + total, buffer.count - total)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      total += count
    }
    return total == message.count && contents.prefix(total).elementsEqual(message)
  }
}
