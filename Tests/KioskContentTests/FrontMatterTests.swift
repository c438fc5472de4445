import KioskCore
import Testing

@testable import KioskContent

@Suite("Front matter")
struct FrontMatterTests {
  @Test("A valid article gives its fields, its body and no problems")
  func validArticle() throws {
    let text = Content.article(Content.validFront + ["read_time: 4"])
    let (article, problems) = try loadArticle(text)
    #expect(problems.isEmpty)
    #expect(article.id == "printer-offline")
    #expect(article.title == "Printer Shows Offline")
    #expect(article.category == "Printing")
    #expect(article.updated == Day(year: 2026, month: 1, day: 7))
    #expect(article.updated.longText == "7 January 2026")
    #expect(article.summary == "Bring the printer back online.")
    #expect(article.readMinutes == 4)
    #expect(
      article.document.blocks == [
        .heading(level: 2, spans: [Span("How to Fix It")]),
        .list(bullets([
          item("Check the cable", task: .open), item("Restart the printer", task: .open),
        ])),
        paragraph(Span("Contact helpdesk@netlumait.com.au or call 1300 521 162.")),
      ])
  }

  @Test(
    "A fence is --- with spaces or carriage returns around it, and nothing else",
    arguments: [
      ("---", true), ("  ---", true), ("---\r ", true), (" \r--- \r ", true), ("----", false), ("- --", false),
      ("---\t", false), ("--- x", false), (" \u{301}---", false), ("---\u{301}", false), ("---\r\u{301}", false),
      ("\u{A0}---", false),
    ])
  func fences(closing: String, isFence: Bool) throws {
    let text = "---\n" + Content.validFront.map { $0 + "\n" }.joined() + closing + "\n" + Content.body
    var problems: [ContentProblem] = []
    let loaded = try? ContentLoader.article(
      from: text, file: "printer-offline.md", categories: Content.categories, problems: &problems)
    #expect((loaded != nil && problems.isEmpty) == isFence, "\(problems)")
  }

  @Test("Quoted values, comments and keys in any order are accepted")
  func yamlForms() throws {
    let text = Content.article([
      "# written by the help desk",
      "summary: 'Why: it happens'",
      "updated: \"2026-02-28\"",
      "category: Printing",
      "title: \"How to Fix \\\"Offline\\\"\"",
    ])
    let (article, problems) = try loadArticle(text)
    #expect(problems.isEmpty)
    #expect(article.title == "How to Fix \"Offline\"")
    #expect(article.summary == "Why: it happens")
    #expect(article.updated == Day(year: 2026, month: 2, day: 28))
  }

  @Test("Title and summary lose escape sequences and bidi overrides")
  func sanitizedFields() throws {
    let text = Content.article(
      Content.front(replacing: "title", with: "title: \"Printer \\e[31mOffline\\u202E\"")
        .map { $0.hasPrefix("summary") ? "summary: \"Bring\\e]0;x\\a it back.\"" : $0 })
    let article = try loadArticle(text).article
    #expect(article.title == "Printer Offline")
    #expect(article.summary == "Bring it back.")
  }

  @Test(
    "Without read_time, the read time is the word count at 200 a minute, rounded up, at least 1",
    arguments: [(1, 1), (199, 1), (200, 1), (201, 2), (400, 2), (401, 3), (1_000, 5)])
  func computedReadTime(words: Int, minutes: Int) throws {
    let body = Array(repeating: "word", count: words).joined(separator: " ") + "\n"
    let article = try loadArticle(Content.article(body: body)).article
    #expect(article.readMinutes == minutes)
  }

  @Test("read_time wins over the word count")
  func givenReadTime() throws {
    let body = Array(repeating: "word", count: 1_000).joined(separator: " ") + "\n"
    let article = try loadArticle(Content.article(Content.validFront + ["read_time: 2"], body: body)).article
    #expect(article.readMinutes == 2)
  }

  @Test("A file that does not start with '---' has no front matter")
  func missingFrontMatter() {
    for text in ["## Just Markdown\n\nText.\n", "\n---\ntitle: x\n---\nText.\n", "title: x\n---\nText\n"] {
      #expect(
        articleFailure(text)?.description
          == "printer-offline.md:1: missing front matter: the file must start with a line '---'")
    }
  }

  @Test("Front matter without its closing '---' is reported")
  func unclosedFrontMatter() {
    let text = "---\n" + Content.validFront.joined(separator: "\n") + "\n\n## How to Fix It\n"
    #expect(
      articleFailure(text)?.description
        == "printer-offline.md:1: front matter is not closed: add a line '---' after its last key")
  }

  @Test("Bad YAML is reported at its line in the file")
  func badYAML() throws {
    // Line 4 of the file is the third line of the YAML.
    let text = Content.article([
      "title: Printer Shows Offline",
      "category: Printing",
      "summary: Bring it: back",
      "updated: 2026-01-07",
    ])
    let problem = try #require(articleFailure(text))
    #expect(problem.file == "printer-offline.md")
    #expect(problem.line == 4)
    #expect(problem.message == "front matter is not valid YAML: mapping values are not allowed in this context")
  }

  @Test("An unterminated quoted value is reported at the line it starts on")
  func unterminatedQuote() throws {
    let text = Content.article(Content.front(replacing: "title", with: "title: \"Printer Shows Offline"))
    let problem = try #require(articleFailure(text))
    #expect(problem.message.hasPrefix("front matter is not valid YAML: "))
    #expect(problem.line == 2)
  }

  @Test("A key given twice is reported at its first use")
  func duplicateKey() {
    let text = Content.article(Content.validFront + ["title: Again"])
    #expect(
      articleFailure(text)?.description
        == "printer-offline.md:2: front matter is not valid YAML: duplicate key title")
  }

  @Test("Front matter that is not 'key: value' lines is reported at its first line")
  func notAMapping() {
    #expect(
      articleFailure("---\n- title\n- category\n---\nText.\n")?.description
        == "printer-offline.md:2: front matter must be 'key: value' lines (title, category, updated, summary)")
    #expect(
      articleFailure("---\n---\nText.\n")?.description
        == "printer-offline.md:2: front matter must be 'key: value' lines (title, category, updated, summary)")
  }

  @Test("Missing or empty required keys are all named")
  func missingKeys() {
    #expect(
      articleFailure(Content.article(["title: Printer", "updated: 2026-01-07"]))?.description
        == "printer-offline.md:1: front matter is missing 'category', 'summary'")
    #expect(
      articleFailure(Content.article(Content.front(replacing: "summary", with: "summary: '  '")))?.description
        == "printer-offline.md:1: front matter is missing 'summary'")
    #expect(
      articleFailure(Content.article(["author: Ann"]))?.description
        == "printer-offline.md:1: front matter is missing 'title', 'category', 'updated', 'summary'")
  }

  @Test(
    "A date that is not a real YYYY-MM-DD day is reported at its line",
    arguments: ["2026-02-30", "2025-02-29", "2026-13-01", "2026-1-7", "7 January 2026", "2026-01-07T10:00"])
  func badDate(value: String) {
    let text = Content.article(Content.front(replacing: "updated", with: "updated: \(value)"))
    #expect(
      articleFailure(text)?.description
        == "printer-offline.md:4: 'updated' must be a date written YYYY-MM-DD, not '\(value)'")
  }

  @Test("A signed year is not a YYYY-MM-DD date")
  func signedYear() {
    let text = Content.article(Content.front(replacing: "updated", with: "updated: +026-01-07"))
    #expect(
      articleFailure(text)?.description
        == "printer-offline.md:4: 'updated' must be a date written YYYY-MM-DD, not '+026-01-07'")
  }

  @Test("A leap day is a real date")
  func leapDay() throws {
    let text = Content.article(Content.front(replacing: "updated", with: "updated: 2028-02-29"))
    #expect(try loadArticle(text).article.updated == Day(year: 2028, month: 2, day: 29))
  }

  @Test(
    "A read_time that is not a whole number of minutes from 1 to 600 is reported at its line",
    arguments: ["0", "-3", "4.5", "five", "601", "4 minutes"])
  func badReadTime(value: String) {
    let text = Content.article(Content.validFront + ["read_time: \(value)"])
    #expect(
      articleFailure(text)?.description
        == "printer-offline.md:6: 'read_time' must be a whole number of minutes, not '\(value)'")
  }

  @Test("An unknown key is reported but the article still loads")
  func unknownKey() throws {
    let text = Content.article(["author: Ann"] + Content.validFront + ["tags: [printer]"])
    let (article, problems) = try loadArticle(text)
    #expect(article.title == "Printer Shows Offline")
    let known = "(known: category, messages, read_time, related, summary, title, updated, url)"
    #expect(
      problems == [
        ContentProblem(file: "printer-offline.md", line: 2, message: "unknown front matter key 'author' \(known)"),
        ContentProblem(file: "printer-offline.md", line: 7, message: "unknown front matter key 'tags' \(known)"),
      ])
  }

  @Test("A list where one value belongs is reported")
  func listValue() throws {
    let text = Content.article(Content.validFront + ["read_time: [4]"])
    let (article, problems) = try loadArticle(text)
    #expect(article.readMinutes == 1)
    #expect(
      problems == [
        ContentProblem(
          file: "printer-offline.md", line: 6, message: "'read_time' must be a single value, not a list or a map")
      ])
  }

  @Test("A category not in categories.yaml is reported at the category line")
  func unknownCategory() {
    let text = Content.article(Content.front(replacing: "category", with: "category: Cooking"))
    #expect(
      articleFailure(text)?.description
        == "printer-offline.md:3: unknown category 'Cooking' (categories.yaml has 'Printing', 'Network and Wi-Fi')")
  }

  @Test("Without a categories list any category is accepted")
  func anyCategoryWithoutList() throws {
    let text = Content.article(Content.front(replacing: "category", with: "category: Cooking"))
    #expect(try loadArticle(text, categories: nil).article.category == "Cooking")
  }

  @Test("An article with nothing after its front matter is reported at the line after it")
  func emptyBody() {
    for body in ["", "\n", "  \n\t\n\n"] {
      #expect(
        articleFailure(Content.article(body: body))?.description
          == "printer-offline.md:7: the article has no text after its front matter")
    }
    let noNewline = "---\n" + Content.validFront.joined(separator: "\n") + "\n---"
    #expect(
      articleFailure(noNewline)?.description
        == "printer-offline.md:7: the article has no text after its front matter")
  }

  @Test("Problems in the body are reported at their line in the file")
  func bodyLines() throws {
    let text = Content.article(body: "Intro.\n\n<div>\n</div>\n")
    let (article, problems) = try loadArticle(text)
    #expect(article.document.blocks == [paragraph(Span("Intro."))])
    #expect(
      problems == [
        ContentProblem(file: "printer-offline.md", line: 9, message: "raw HTML is not shown; write it as Markdown")
      ])
  }

  @Test("A problem message never carries the file's control characters")
  func cleanMessages() throws {
    let text = Content.article(Content.front(replacing: "updated", with: "updated: \"2026\\e]0;owned\\a\\e[2J\""))
    let problem = try #require(articleFailure(text))
    #expect(problem.line == 4)
    #expect(problem.message == TerminalText.sanitize(problem.message))
  }
}
