import Foundation
import KioskCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who holds a claim on a ticket: this process, named so that another process on the same
/// machine can tell whether the holder still runs.
///
/// An owner is `BOOT/PID/START#NONCE`: the kernel's boot id, the process id, the process's
/// start time in clock ticks since boot (so a reused pid is not taken for the old
/// process), and a nonce that tells one claim from another. A deliverer that crashed, was
/// killed or lost its machine's power leaves a claim whose owner is gone, which the next
/// deliverer takes over at once; a claim whose owner cannot be checked is respected until
/// its lease time runs out.
enum DeliveryLease {
  /// This process, as the first part of an owner.
  static let currentProcess: String = processName(getpid()) ?? "unknown/\(getpid())/0"

  /// A new owner for one claim by this process.
  static func newOwner() -> String {
    currentProcess + "#" + Outbox.randomHex()
  }

  /// Whether the process that made the claim `owner` still runs; nil when this cannot be
  /// told (another platform, an owner written by something else).
  static func isAlive(_ owner: String) -> Bool? {
    let process = owner.split(separator: "#", maxSplits: 1).first.map(String.init) ?? owner
    let parts = process.split(separator: "/").map(String.init)
    guard parts.count == 3, let pid = pid_t(parts[1]), pid > 0, parts[0] != "unknown" else {
      return nil
    }
    guard let boot = bootID() else { return nil }
    // Another boot of this machine: everything of that boot is gone.
    guard parts[0] == boot else { return false }
    guard let now = processName(pid) else { return false }
    return now == process
  }

  /// `BOOT/PID/START` for a running process, or nil when it does not run or /proc cannot
  /// be read.
  static func processName(_ pid: pid_t) -> String? {
    guard let boot = bootID(), let start = startTime(pid) else { return nil }
    return "\(boot)/\(pid)/\(start)"
  }

  /// The kernel's id of this boot.
  static func bootID() -> String? {
    guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
    else { return nil }
    let id = text.trimmingWhitespace
    return id.isEmpty ? nil : id
  }

  /// Field 22 of `/proc/PID/stat`: when the process started, in clock ticks since boot;
  /// nil when the process has ended (also when it is a zombie, dead but not yet reaped).
  static func startTime(_ pid: pid_t) -> String? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let end = text.lastIndex(of: ")")
    else { return nil }
    // After the command name (which may hold spaces and brackets) come fields 3, 4, …
    let fields = text[text.index(after: end)...].split(separator: " ")
    guard fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
    return String(fields[19])
  }
}
