import ArgumentParser
import Foundation
import KioskContent
import KioskCore

/// `helpdesk-kiosk check`: lists every problem in a content folder.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a content folder and list every problem as file:line: message.",
    discussion: "Exits 0 when the content is clean and 1 when there is a problem.")

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
}
