import ArgumentParser
import Foundation

@main
struct HelpdeskKiosk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "helpdesk-kiosk",
    abstract: "A help-desk kiosk for a shared terminal: articles, fix-it steps and tickets.",
    subcommands: [Run.self, Check.self, SearchCommand.self, OutboxCommand.self, Stats.self, MetricsCommand.self, Admin.self, Render.self],
    defaultSubcommand: Run.self)

  /// Starts the kiosk straight away when the command line is the kiosk's own
  /// (`Run.commandLine`); any other goes through the whole command tree, as before.
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let run = Run.commandLine(arguments) else {
      Self.main(arguments)
      return
    }
    do {
      try run.run()
    } catch {
      Self.exit(withError: error)
    }
  }
}

/// Exit statuses, after sysexits.h where one fits.
enum ExitStatus {
  static let dataError: Int32 = 65
  static let noInput: Int32 = 66
  static let unavailable: Int32 = 69
  static let software: Int32 = 70
  static let cannotCreate: Int32 = 73
  static let configuration: Int32 = 78
}

/// The `--content` option, shared by the commands that read content.
struct ContentOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("The content folder: categories.yaml and the articles' .md files.", valueName: "dir"))
  var content: String?

  /// The folder given, or the shipped content.
  func folder() throws -> URL {
    if let content { return URL(fileURLWithPath: content) }
    guard let shipped = ShippedContent.locate() else {
      complain("the shipped content was not found beside the program; name a folder with --content DIR")
      throw ExitCode(ExitStatus.noInput)
    }
    return shipped
  }
}

/// Where the content that comes with the program lives.
enum ShippedContent {
  /// Looks beside the executable: an installed `share/helpdesk-kiosk/content`, or the
  /// `Resources/content` of the checkout it was built in.
  static func locate() -> URL? {
    // The running program's own file, wherever PATH found it.
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<6 {
      for candidate in ["share/helpdesk-kiosk/content", "Resources/content"] {
        let url = folder.appendingPathComponent(candidate)
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("categories.yaml").path) {
          return url.standardizedFileURL
        }
      }
      folder = folder.deletingLastPathComponent()
    }
    return nil
  }
}

/// One line on standard error.
func complain(_ message: String) {
  FileHandle.standardError.write(Data("helpdesk-kiosk: \(message)\n".utf8))
}
