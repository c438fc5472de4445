import Foundation
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskContent

@Suite("Shipped content")
struct ShippedContentTests {
  static func load() throws -> (Catalog, [ContentProblem]) {
    try ContentLoader.load(from: shippedContent)
  }

  static func allArticles(_ catalog: Catalog) -> [Article] {
    catalog.categories.flatMap { catalog.articles(in: $0.name) }
  }

  @Test("The shipped content loads with no problems")
  func loadsCleanly() throws {
    let (_, problems) = try Self.load()
    #expect(problems.map(\.description) == [])
  }

  @Test("There are at least 7 articles in at least 3 categories, each in a listed category")
  func size() throws {
    let (catalog, _) = try Self.load()
    let articles = Self.allArticles(catalog)
    #expect(articles.count >= 7)
    #expect(catalog.categories.count >= 3)
    #expect(Set(articles.map(\.id)).count == articles.count)
    let files = try FileManager.default.contentsOfDirectory(atPath: shippedContent.path).filter { $0.hasSuffix(".md") }
    #expect(articles.count == files.count, "every .md file is an article")
  }

  @Test("Every article has fix-it steps and the help desk's e-mail and phone")
  func everyArticle() throws {
    let (catalog, _) = try Self.load()
    for article in Self.allArticles(catalog) {
      let text = article.document.allText.joined(separator: "\n")
      #expect(!article.document.stepGroups.isEmpty, "\(article.id) has no steps")
      #expect(text.contains("helpdesk@netlumait.com.au"), "\(article.id) lacks the e-mail")
      #expect(text.contains("1300 521 162"), "\(article.id) lacks the phone number")
      #expect(!article.title.isEmpty && !article.summary.isEmpty, "\(article.id)")
      #expect(article.readMinutes >= 1, "\(article.id)")
    }
  }

  @Suite("session-expired")
  struct SessionExpired {
    static func article() throws -> Article {
      let folder = shippedContent
      let file = folder.appendingPathComponent("session-expired.md")
      try #require(
        FileManager.default.fileExists(atPath: file.path), "Resources/content/session-expired.md is missing")
      let (catalog, _) = try ContentLoader.load(from: folder)
      return try #require(catalog.article(id: "session-expired"))
    }

    @Test("Its front matter")
    func frontMatter() throws {
      let article = try Self.article()
      #expect(article.title == "How to Fix \"Your Session Has Expired\" Errors")
      #expect(article.category == "Common Error Messages")
      #expect(article.updated == Day(year: 2026, month: 1, day: 7))
      #expect(article.updated.longText == "7 January 2026")
      #expect(article.readMinutes == 4)
      #expect(!article.summary.isEmpty)
    }

    @Test("Its headings, in order")
    func headings() throws {
      let headings = try Self.article().document.headings
      let expected = [
        "What Does \"Session Expired\" Mean?", "How to Fix It", "Step 1: Simply Log In Again",
        "Step 2: Save Any Unsaved Work", "If Logging In Doesn't Work", "Clear Browser Cache",
        "Try Incognito/Private Window", "Try a Different Browser", "Restart Your Browser",
        "Why Sessions Expire", "Preventing Session Expiry", "Use \"Remember Me\" Carefully",
        "When to Contact IT",
      ]
      // Each expected heading appears, after the one before it.
      var rest = headings[...]
      for heading in expected {
        guard let index = rest.firstIndex(of: heading) else {
          Issue.record("heading '\(heading)' missing or out of order in \(headings)")
          return
        }
        rest = rest[(index + 1)...]
      }
    }

    @Test("Its step groups")
    func steps() throws {
      let groups = try Self.article().document.stepGroups
      func steps(_ heading: String) -> [String] {
        groups.first { $0.heading == heading }?.steps.map(\.text) ?? []
      }
      #expect(
        steps("Step 1: Simply Log In Again") == [
          "Click the login button", "Enter your credentials", "Complete any two-factor authentication",
          "Continue working",
        ])
      let cache = steps("Clear Browser Cache")
      #expect(cache.contains("Press Ctrl + Shift + Delete"))
      #expect(cache.contains("Select \"Cached images and files\""))
      #expect(steps("Try a Different Browser") == ["Chrome", "Edge", "Firefox"])
      let ids = groups.flatMap(\.steps).map(\.id)
      #expect(ids == Array(0..<ids.count))
      #expect(Set(groups.map(\.heading)).count == groups.count)
    }

    @Test("Its note is a quote and its contact line a paragraph")
    func noteAndContact() throws {
      let blocks = try Self.article().document.blocks
      let quotes = blocks.compactMap { block -> [Block]? in
        if case .quote(let inner) = block { inner } else { nil }
      }
      #expect(quotes.contains { $0.flatMap(\.allText) == ["Note: Many apps auto-save, so your work might be fine."] })
      #expect(
        blocks.contains(
          .quote([
            .paragraph([Span("Note:", .strong), Span(" Many apps auto-save, so your work might be fine.")])
          ])))
      #expect(blocks.contains(.paragraph([Span("Contact helpdesk@netlumait.com.au or call 1300 521 162.")])))
    }
  }
}
