import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskScenes

/// `helpdesk-kiosk render SCREEN`: a screen as plain text, for documentation and tests.
struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print a screen of the kiosk as text, drawn by the kiosk's own renderer.",
    discussion: """
      The screen is reached as a person would reach it, on the content's first category and \
      its first article, with a made-up ticket and a fixed clock, so the same content always \
      gives the same text. One line per row, trailing spaces removed.

      Screens: \(Scene.names.joined(separator: ", ")).
      """)

  @Argument(help: ArgumentHelp("The screen to print: one of the screens listed above.", valueName: "screen"))
  var screen: String

  @Option(name: .long, help: ArgumentHelp("The window's width in columns.", valueName: "n"))
  var cols = 80

  @Option(name: .long, help: ArgumentHelp("The window's height in rows.", valueName: "n"))
  var rows = 24

  @OptionGroup var content: ContentOptions

  @Flag(name: .long, help: "As on a terminal without UTF-8: ASCII lines and bullets, text folded to ASCII.")
  var ascii = false

  @Flag(name: .long, help: "Plain mode, as 'run --plain' draws it for screen readers: no lines or frames.")
  var plain = false

  /// The largest window drawn.
  static let maximumSide = 1000

  func validate() throws {
    guard Scene(rawValue: screen) != nil else {
      throw ValidationError(
        "unknown screen '\(TerminalText.sanitize(screen))'; the screens are: \(Scene.names.joined(separator: ", "))")
    }
    for (name, value) in [("--cols", cols), ("--rows", rows)] where !(1...Self.maximumSide).contains(value) {
      throw ValidationError("\(name) must be from 1 to \(Self.maximumSide), not \(value)")
    }
  }

  func run() throws {
    guard let scene = Scene(rawValue: screen) else { throw ExitCode.validationFailure }
    let catalog: Catalog
    do {
      catalog = try ContentLoader.load(from: content.folder()).0
    } catch let error as ContentFolderError {
      complain(error.description)
      throw ExitCode(ExitStatus.noInput)
    }
    let glyphs: Glyphs = plain ? .plain : ascii ? .ascii : .unicode
    let options = Scene.Options(size: Size(columns: cols, rows: rows), glyphs: glyphs)
    print(scene.text(catalog, options, foldingToASCII: ascii))
  }
}
