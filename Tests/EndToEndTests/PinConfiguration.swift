import Foundation
import Testing

/// Configuration files for the admin screen's tests.
enum PinConfiguration {
  /// A configuration file, in a folder of its own, with an admin PIN set through
  /// `admin set-pin` and the kiosk id `e2e-kiosk`.
  static func file(pin: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-config-\(UUID().uuidString)")
    let config = folder.appendingPathComponent("config.yaml")
    let process = Process()
    process.executableURL = try KioskBinary.locate()
    process.arguments = ["admin", "set-pin", "--config", config.path]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data("\(pin)\n\(pin)\n".utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    try "kiosk_id: e2e-kiosk\nlocation: Test bench\n".appendingToFile(config)
    return config
  }
}
