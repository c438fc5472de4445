@testable import KioskCore
import KioskTestSupport
import Testing

/// Links between articles, the contents of an article, and related articles.
@Suite("Links, contents and related articles")
struct LinkTests {
  static func guide(_ size: Size = Size(columns: 80, rows: 24), plain: Bool = false) -> AppState {
    Fixtures.guide(size, plain: plain)
  }

  static func reader(_ state: AppState) -> ReaderState? {
    if case .reader(let reader) = state.screen { return reader }
    return nil
  }

  @Test func linksAreLaidOutWithTheirTargetsAndMissingArticlesAreText() throws {
    let reader = try #require(Self.reader(Self.guide()))
    #expect(reader.article.id == "guide")
    let links = reader.lines.flatMap(\.links)
    #expect(links.map(\.target) == ["locked", "offline", "offline", "expired"], "the missing article is text; related at the end")
    #expect(links.map(\.number) == [1, 2, 3, 4])
    let line = try #require(reader.lines.first { !$0.links.isEmpty })
    let first = try #require(line.links.first)
    #expect(Array(line.text)[first.range].map(String.init).joined() == "Account Locked")
  }

  @Test func tabMovesBetweenTheLinksInViewAndEnterFollowsBackReturnsToTheSamePlace() throws {
    var state = Self.guide()
    #expect(Self.reader(state)?.focusedLink == nil)
    state = state.pressing(.tab)
    #expect(Self.reader(state)?.focusedLink == 1)
    state = state.pressing(.tab)
    #expect(Self.reader(state)?.focusedLink == 2)
    #expect(Self.reader(state.pressing(.tab))?.focusedLink == 1, "Tab wraps round the links in view")
    #expect(Self.reader(Self.guide().pressing(.backTab))?.focusedLink == 2, "Shift-Tab starts at the last")
    state = state.pressing(.backTab)
    let before = try #require(Self.reader(state))
    let (followed, effects) = update(state, .key(.enter))
    #expect(Self.reader(followed)?.article.id == "locked")
    #expect(effects == [.recordView(articleID: "locked")])
    let back = followed.pressing(.down, .down, .escape)
    #expect(Self.reader(back) == before, "the same article, line and link")
  }

  @Test func enterWithoutAFocusedLinkStillOpensTheStepsAndScrollingForgetsTheFocus() throws {
    guard case .checklist = Self.guide().pressing(.enter).screen else {
      Issue.record("Enter without a link opens the steps")
      return
    }
    let scrolled = Self.guide().pressing(.tab, .pageDown, .pageDown)
    #expect(Self.reader(scrolled)?.focusedLink == nil)
    guard case .checklist = scrolled.pressing(.enter).screen else {
      Issue.record("a link scrolled away is not followed")
      return
    }
  }

  @Test func plainModeNumbersTheLinksAndADigitFollowsOne() throws {
    let state = Self.guide(plain: true)
    let reader = try #require(Self.reader(state))
    let text = reader.lines.map(\.text).joined(separator: " ")
    #expect(text.contains("Account Locked [1] or the missing one, or Printer Offline [2]."), "\(text)")
    #expect(text.contains("* Printer Offline [3] * Session Expiry Explained [4]"), "\(text)")
    #expect(Self.reader(state.pressing(.character("2")))?.article.id == "offline")
    #expect(Self.reader(state.pressing(.character("9")))?.article.id == "guide", "no ninth link")
    #expect(Self.reader(Self.guide().pressing(.character("1")))?.article.id == "guide", "digits only in plain mode")
  }

  @Test func contentsListTheHeadingsAndEnterJumpsThere() throws {
    let state = Self.guide(Size(columns: 80, rows: 24)).pressing(.character("c"))
    guard case .contents(let contents) = state.screen else {
      Issue.record("expected the contents, got \(state.screen)")
      return
    }
    #expect(contents.entries.map(\.title) == ["Section 1", "Section 2", "Section 3", "Section 4", "Related articles"])
    #expect(contents.entries.map(\.isSubheading) == [false, true, true, true, false])
    let jumped = state.pressing(.down, .down, .enter)
    let reader = try #require(Self.reader(jumped))
    #expect(reader.lines[reader.top].text.contains("Section 3"))
    #expect(Self.reader(state.pressing(.down, .escape)) == Self.reader(Self.guide()), "Esc returns as it was")
    // An article with fewer than three headings offers none.
    let short = Fixtures.state().pressing(.enter, .enter, .character("c"))
    guard case .reader = short.screen else {
      Issue.record("no contents for one heading")
      return
    }
  }

  @Test func relatedArticlesAreTheNamedOnesThenTheCategorysClosest() throws {
    let state = Self.guide()
    let guide = try #require(Self.reader(state)?.article)
    #expect(state.relatedArticles(guide).map(\.id) == ["offline", "expired"], "named first; a missing id is skipped")
    // On "Still need help?" each is one button away.
    var stuck = state
    stuck.screen = .stillNeedHelp(ChoiceState(article: guide, selection: 0))
    #expect(stuck.stuckButtons(guide) == ["Open a ticket", "Back to the article", "Home", "Read: Printer Offline", "Read: Session Expiry Explained"])
    let (opened, effects) = update(stuck.pressing(.end), .key(.enter))
    #expect(Self.reader(opened)?.article.id == "expired")
    #expect(effects == [.recordView(articleID: "expired")])
  }
}
