import Foundation
import KioskTestSupport
import Testing

/// The manual page says what the program's command line is, renders without a warning and
/// is installed where `man` finds it; the README and docs/ lead to files and headings that
/// are there, inside the repository.
@Suite("Documentation", .timeLimit(.minutes(2)))
struct DocumentationTests {
  private static let manualPage = packageRoot.appendingPathComponent("Resources/man/helpdesk-kiosk.1")

  // MARK: The manual page

  /// A command as the program describes itself (`--experimental-dump-help`, which the
  /// manual's generator reads too).
  struct CommandInfo: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var arguments: [ArgumentInfo]?
    var subcommands: [CommandInfo]?
  }

  struct ArgumentInfo: Decodable {
    struct Name: Decodable {
      var kind: String
      var name: String
    }

    var kind: String
    var names: [Name]?
    var valueName: String?
    var abstract: String?
    var shouldDisplay: Bool
  }

  struct ToolInfo: Decodable {
    var command: CommandInfo
  }

  /// A command's entry: its name, what it takes (as `--long`, `-s` and `<positional>`), and
  /// the lines of its help: its description, its discussion and what each argument is.
  struct Entry: Equatable, CustomStringConvertible {
    var name: String
    var arguments: Set<String> = []
    var text: Set<String> = []

    var description: String { "\(name): \(arguments.sorted()) \(text.sorted())" }
  }

  /// The program's commands, the top one first, then each subcommand after its parent.
  private static func programEntries() throws -> [Entry] {
    let result = try Runner.run(try Runner.builtProgram(), ["--experimental-dump-help"])
    #expect(result.status == 0, "\(result)")
    let tool = try JSONDecoder().decode(ToolInfo.self, from: Data(result.stdout.utf8))
    var entries: [Entry] = []
    func visit(_ command: CommandInfo) {
      guard command.shouldDisplay != false else { return }
      var entry = Entry(name: command.commandName)
      let help = [command.abstract ?? ""] + (command.discussion ?? "").components(separatedBy: "\n")
      entry.text = Set(help.map(asGenerated).filter { !$0.isEmpty })
      for argument in command.arguments ?? [] where argument.shouldDisplay {
        if argument.kind == "positional" {
          entry.arguments.insert("<\(argument.valueName ?? "?")>")
        }
        for name in argument.names ?? [] {
          switch name.kind {
          case "long": entry.arguments.insert("--\(name.name)")
          case "short": entry.arguments.insert("-\(name.name)")
          default: break
          }
        }
        if let abstract = argument.abstract, !abstract.isEmpty { entry.text.insert(asGenerated(abstract)) }
      }
      entries.append(entry)
      for subcommand in command.subcommands ?? [] { visit(subcommand) }
    }
    visit(tool.command)
    return entries
  }

  /// A line of help as the manual's generator writes it: it leaves out every character
  /// that is not ASCII (so "÷" is lost), and escapes a backslash, and a dot or an
  /// apostrophe that starts the line.
  private static func asGenerated(_ line: String) -> String {
    var text = line.filter(\.isASCII).replacingOccurrences(of: "\\", with: "\\e")
    if text.hasPrefix(".") || text.hasPrefix("'") { text = "\\&" + text }
    return text
  }

  /// The page's entries in the same order: the top command from `.Nm` and `.Nd`, then one
  /// per `.It Em NAME`, each with the items and text lines up to the next command.
  private static func pageEntries(_ page: String) -> [Entry] {
    var entries: [Entry] = []
    for line in page.components(separatedBy: "\n") {
      if line.hasPrefix(".Nm ") && entries.isEmpty {
        entries.append(Entry(name: String(line.dropFirst(4))))
      } else if line.hasPrefix(".Nd "), !entries.isEmpty {
        entries[0].text.insert(String(line.dropFirst(4)).trimmingCharacters(in: ["\""]))
      } else if line.hasPrefix(".It Em ") {
        entries.append(Entry(name: String(line.dropFirst(7))))
      } else if line.hasPrefix(".It "), !entries.isEmpty {
        entries[entries.count - 1].arguments.formUnion(arguments(inItem: line))
      } else if !line.hasPrefix("."), !line.isEmpty, !entries.isEmpty {
        entries[entries.count - 1].text.insert(line)
      }
    }
    return entries
  }

  /// `--content` from `.It Fl -content Ar dir`, `-h` and `--help` from `.It Fl h , -help`,
  /// `<words>` from `.It Ar words`.
  private static func arguments(inItem line: String) -> Set<String> {
    let words = line.split(separator: " ").dropFirst().map(String.init)
    if words.first == "Ar", words.count > 1 {
      return ["<\(words[1].replacingOccurrences(of: "...", with: ""))>"]
    }
    guard words.first == "Fl" else { return [] }
    var found: Set<String> = []
    for word in words.dropFirst() {
      if word == "Ar" { break }
      if word != "," { found.insert("-" + word) }
    }
    return found
  }

  @Test("the manual page has every command and option of the program, with their help, and nothing else")
  func manualPageMatchesTheProgram() throws {
    let page = try String(contentsOf: Self.manualPage, encoding: .utf8)
    let program = try Self.programEntries()
    #expect(program.count > 10, "the program describes \(program.count) commands")
    let pageEntries = Self.pageEntries(page)
    #expect(pageEntries.map(\.name) == program.map(\.name), "run scripts/man and commit Resources/man/helpdesk-kiosk.1")
    for (expected, found) in zip(program, pageEntries) {
      #expect(found == expected, "run scripts/man and commit Resources/man/helpdesk-kiosk.1")
    }
    #expect(page.hasPrefix(".\\\" \"Generated by swift-argument-parser\"\n"))
    #expect(page.hasSuffix("\n"))
  }

  @Test(
    "groff renders the manual page without a warning",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "needs groff (Debian's groff-base)"))
  func manualPageRenders() throws {
    let result = try Runner.run("/usr/bin/groff", ["-mdoc", "-Tutf8", "-ww", Self.manualPage.path])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(result.stdout.contains("HELPDESK-KIOSK(1)"))
    let macros = result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix(".") }
    #expect(macros.isEmpty, "no macro is left as text: \(macros)")
  }

  @Test("install puts the manual page where man finds it; uninstall removes it")
  func manualPageIsInstalled() throws {
    let root = try ThrowawayRoot()
    let installed = "usr/local/share/man/man1/helpdesk-kiosk.1"
    let result = try root.install()
    #expect(result.status == 0, "\(result)")
    #expect(try root.mode(installed) == 0o644)
    #expect(FileManager.default.contentsEqual(atPath: root.file(installed), andPath: Self.manualPage.path))
    #expect(try root.uninstall().status == 0)
    #expect(!root.exists(installed))
  }

  // MARK: The README and docs/

  private static let documents = ["README.md"]
    + ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("docs").path)) ?? [])
    .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }

  /// The text of a Markdown file without its fenced code blocks and code spans, where a
  /// link is only text.
  private static func prose(_ text: String) -> String {
    var isCode = false
    var kept: [String] = []
    for line in text.components(separatedBy: "\n") {
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
        isCode.toggle()
        continue
      }
      if !isCode { kept.append(line.replacing(/`[^`]*`/, with: "")) }
    }
    return kept.joined(separator: "\n")
  }

  /// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
  private static func anchor(_ heading: String) -> String {
    let text = heading.lowercased().replacing(/`/, with: "")
    return String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" || $0 == "_" })
      .replacingOccurrences(of: " ", with: "-")
  }

  private static func anchors(in text: String) -> Set<String> {
    var isCode = false
    var found: Set<String> = []
    for line in text.components(separatedBy: "\n") {
      if line.hasPrefix("```") { isCode.toggle() }
      if !isCode, let match = line.wholeMatch(of: /#{1,6} +(.+)/) { found.insert(anchor(String(match.output.1))) }
    }
    return found
  }

  @Test("every link in the README and docs/ leads to a file, and a heading, inside the repository")
  func linksLeadSomewhere() throws {
    #expect(Self.documents.count >= 6, "README.md and the documents in docs/: \(Self.documents)")
    let root = packageRoot.standardizedFileURL.path
    var checked = 0
    for document in Self.documents {
      let url = packageRoot.appendingPathComponent(document)
      let text = try String(contentsOf: url, encoding: .utf8)
      for match in Self.prose(text).matches(of: /\]\(([^)\s]+)\)/) {
        let target = String(match.output.1)
        if target.hasPrefix("https://") || target.hasPrefix("http://") || target.hasPrefix("mailto:") { continue }
        checked += 1
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let file = parts[0].isEmpty ? url : url.deletingLastPathComponent().appendingPathComponent(parts[0])
        let path = file.standardizedFileURL.path
        #expect(path.hasPrefix(root + "/"), "\(document): \(target) leads outside the repository")
        #expect(FileManager.default.fileExists(atPath: path), "\(document): \(target) is not there")
        if parts.count == 2, path.hasSuffix(".md"), let linked = try? String(contentsOfFile: path, encoding: .utf8) {
          #expect(Self.anchors(in: linked).contains(parts[1]), "\(document): no heading for \(target)")
        }
      }
    }
    #expect(checked > 20, "\(checked) links checked")
  }

  @Test("the README is short, starts with the two commands, and leads to every document in docs/")
  func readmeLeadsOn() throws {
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let lines = readme.components(separatedBy: "\n").count
    #expect((100...200).contains(lines), "README.md has \(lines) lines")
    for command in ["./scripts/kiosk", "./scripts/test"] {
      #expect(readme.contains("\n\(command) "), "\(command) in the quick start")
      #expect(FileManager.default.isExecutableFile(atPath: packageRoot.appendingPathComponent(command).path))
    }
    let documents = Self.documents.filter { $0.hasPrefix("docs/") }
    #expect(documents.count >= 5, "the documents in docs/: \(documents)")
    for document in documents {
      #expect(readme.contains("](\(document))"), "README.md links to \(document)")
    }
  }
}
