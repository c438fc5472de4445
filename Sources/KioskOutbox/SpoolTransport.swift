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
/// file in the same folder (mode 0600), synced, renamed into place, and the folder synced.
/// Delivering again replaces the file with the same content.
public struct SpoolTransport: TicketTransport {
  public let folder: URL

  public init(folder: URL) {
    self.folder = folder
  }

  /// Writes the message to `<folder>/<reference>.eml`, creating the folder (mode 0700) if
  /// it is missing.
  public func deliver(reference: String, message: [UInt8]) throws {
    // The reference names the file, so it must not be able to name another folder.
    guard TicketReference.isValid(reference), reference == reference.uppercased() else {
      throw OutboxError.invalidReference(reference)
    }
    try PrivateFiles.makeFolder(folder, fixingMode: false)
    let folderPath = try PrivateFiles.fileSystemPath(folder)
    let finalPath = folderPath + "/" + reference + ".eml"
    let temporaryPath = folderPath + "/." + reference + "." + Outbox.randomHex() + ".tmp"

    let descriptor = open(
      temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, PrivateFiles.fileMode)
    guard descriptor >= 0 else { throw PrivateFiles.systemError("Cannot create", temporaryPath) }
    var isOpen = true
    var isRenamed = false
    defer {
      if isOpen { close(descriptor) }
      if !isRenamed { unlink(temporaryPath) }
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
    guard rename(temporaryPath, finalPath) == 0 else {
      throw PrivateFiles.systemError("Cannot rename to", finalPath)
    }
    isRenamed = true
    try PrivateFiles.syncFolder(folderPath)
  }
}
