import ArgumentParser
import Foundation
import KioskContent

/// `helpdesk-kiosk check`: lists every problem in a content folder.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a content folder and list every problem as file:line: message.",
    discussion: "Exits 0 when the content is clean and 1 when there is a problem.")

  @OptionGroup var content: ContentOptions

  func run() throws {
    let folder = try content.folder()
    let catalog: (articles: Int, problems: [ContentProblem])
    do {
      let (loaded, problems) = try ContentLoader.load(from: folder)
      let articles = loaded.categories.reduce(0) { $0 + loaded.articles(in: $1.name).count }
      catalog = (articles, problems)
    } catch let error as ContentFolderError {
      complain(error.description)
      throw ExitCode(ExitStatus.noInput)
    }
    for problem in catalog.problems {
      print(problem.description)
    }
    let count = catalog.problems.count
    let summary = "\(catalog.articles) article\(catalog.articles == 1 ? "" : "s") loaded, "
      + "\(count) problem\(count == 1 ? "" : "s")"
    FileHandle.standardError.write(Data("\(summary)\n".utf8))
    if count > 0 { throw ExitCode(1) }
  }
}
