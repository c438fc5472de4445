import ArgumentParser
import KioskConfiguration
import Foundation
import KioskContent
import KioskCore

/// `helpdesk-kiosk check`: lists every problem in a content folder.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a content folder, and a configuration file, and list every problem as file:line: message.",
    discussion: """
      Exits 0 when the content is clean and 1 when there is a problem. With --config, the \
      configuration is checked first, as the kiosk reads it at start, its delivery \
      included (a sendmail program that is not there): a problem there exits 78.
      """)

  @Option(
    name: .long,
    help: ArgumentHelp("Also check this configuration file, delivery included, as the kiosk would start with it.", valueName: "file"))
  var config: String?

  @OptionGroup var content: ContentOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also list the articles whose 'updated' date is more than this many days ago, oldest first (they are due for a review; they do not change the exit status).",
      valueName: "days"))
  var stale: Int?

  func validate() throws {
    if let stale, stale < 0 { throw ValidationError("--stale must be 0 or more days") }
  }

  func run() throws {
    if let config { try Self.checkConfiguration(URL(fileURLWithPath: config)) }
    let folder = try content.folder()
    let catalog: (articles: Int, problems: [ContentProblem])
    var staleArticles: [(file: String, updated: Day)] = []
    do {
      let (loaded, problems) = try ContentLoader.load(from: folder)
      let articles = loaded.categories.flatMap { loaded.articles(in: $0.name) }
      catalog = (articles.count, problems)
      if let stale {
        let today = Day(Date())
        staleArticles = articles.filter { $0.updated.days(until: today) > stale }
          .sorted { ($0.updated, $0.id) < ($1.updated, $1.id) }
          .map { ("\($0.id).md", $0.updated) }
      }
    } catch let error as ContentFolderError {
      complain(error.description)
      throw ExitCode(ExitStatus.noInput)
    }
    for problem in catalog.problems {
      print(problem.description)
    }
    let today = Day(Date())
    for article in staleArticles {
      print("\(article.file): not updated since \(article.updated.longText) (\(article.updated.days(until: today)) days)")
    }
    let count = catalog.problems.count
    var summary = "\(catalog.articles) article\(catalog.articles == 1 ? "" : "s") loaded, "
      + "\(count) problem\(count == 1 ? "" : "s")"
    if let stale { summary += ", \(staleArticles.count) not updated in \(stale) days" }
    FileHandle.standardError.write(Data("\(summary)\n".utf8))
    if count > 0 { throw ExitCode(1) }
  }

  /// The configuration as `run` reads it, and its delivery as `run` sets it up; a problem
  /// is one `file:line: message` line and exit 78.
  static func checkConfiguration(_ url: URL) throws {
    let settings: Configuration
    do {
      settings = try Configuration.load(from: url)
    } catch let error as ConfigurationError {
      print(error.description)
      throw ExitCode(ExitStatus.configuration)
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-kiosk-check-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    do {
      _ = try DeliverySetup(settings, stateDirectory: scratch)
    } catch {
      // The line of the key at fault: the sendmail program's, else the transport's.
      let line = Configuration.line(of: ["sendmail", "program"], in: url)
        ?? Configuration.line(of: ["transport"], in: url) ?? 1
      print(ConfigurationError(file: url.path, line: line, message: error.description).description)
      throw ExitCode(ExitStatus.configuration)
    }
  }
}
