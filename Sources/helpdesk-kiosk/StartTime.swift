import Foundation
import KioskCore
import Logging

/// When the kiosk last started, kept in the state folder for `metrics`, which runs as
/// another process (from its timer) and reports it as the program's start time.
enum StartTime {
  /// The file, in the state folder: the Unix time in seconds, on one line.
  static let fileName = "kiosk-started"

  /// Records now as the kiosk's start, replacing the file whole; a failure is logged and
  /// the kiosk goes on (only the metrics miss it).
  static func record(in stateDirectory: URL, at date: Date = Date(), logger: Logger) {
    let target = stateDirectory.appendingPathComponent(fileName)
    do {
      try Data("\(Int(date.timeIntervalSince1970))\n".utf8).write(to: target, options: .atomic)
    } catch {
      logger.warning("the start time could not be recorded for the metrics", metadata: ["file": "\(target.path)"])
    }
  }

  /// The kiosk's last start, if it recorded one.
  static func read(in stateDirectory: URL) -> Date? {
    let file = stateDirectory.appendingPathComponent(fileName)
    guard let text = try? String(contentsOf: file, encoding: .utf8),
      let seconds = Int(text.trimmingWhitespace)
    else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }
}
