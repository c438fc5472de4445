import Foundation
import KioskCore
import KioskQR
import KioskRender

/// A screen of the kiosk, reached as a person would reach it: the real `update` fed keys
/// and the answers the run loop would give, on a fixed clock and with fixed references,
/// so that the same content always gives the same screen. `helpdesk-kiosk render` prints
/// these, and the snapshot tests check them.
public enum Scene: String, CaseIterable, Sendable {
  case home
  case articles
  case reader
  case checklist
  case feedback
  case thanks
  case whatWentWrong = "what-went-wrong"
  case stillNeedHelp = "still-need-help"
  case ticketForm = "ticket-form"
  case review
  case confirmation
  case adminPin = "admin-pin"
  case admin
  case tickets
  case thisKiosk = "this-kiosk"
  case help
  case idle
  case search
  case find

  /// The names, as the command line takes them.
  public static var names: [String] { allCases.map(\.rawValue) }

  /// The clock of every scene: Monday 30 November 2026, 14:03 UTC.
  public static let clock = Date(timeIntervalSince1970: 1_796_047_380)
  /// The reference the confirmation shows.
  public static let reference = "NLM-7K3Q-29"

  /// How the screen is drawn.
  public struct Options: Hashable, Sendable {
    public var size: Size
    public var glyphs: Glyphs

    public init(size: Size = Size(columns: 80, rows: 24), glyphs: Glyphs = .unicode) {
      self.size = size
      self.glyphs = glyphs
    }
  }

  /// The state of this screen on `catalog`: Home, then the first category and its first
  /// article; a ticket from a made-up person.
  public func state(_ catalog: Catalog, _ options: Options = Options()) -> AppState {
    var driver = Driver(
      AppState(
        catalog: catalog, size: options.size, settings: KioskSettings(glyphs: options.glyphs, hasAdminPin: true),
        now: Scene.clock))
    driver.send(.resize(options.size))
    switch self {
    case .home:
      break
    case .articles:
      driver.press(.enter)
    case .reader:
      driver.press(.enter, .enter)
    case .checklist:
      Scene.openChecklist(&driver)
    case .feedback:
      Scene.openChecklist(&driver)
      driver.press(.tab, .enter)
    case .thanks:
      Scene.openChecklist(&driver)
      driver.press(.tab, .enter, .enter)
    case .whatWentWrong:
      Scene.openChecklist(&driver)
      driver.press(.tab, .tab, .enter, .character("n"), .down)
    case .stillNeedHelp:
      Scene.openStillNeedHelp(&driver)
    case .ticketForm:
      Scene.fillInName(&driver)
    case .review:
      Scene.openReview(&driver)
    case .confirmation:
      Scene.openReview(&driver)
      driver.press(.enter)
      driver.send(.ticketSaved(reference: Scene.reference))
      driver.send(.timer(.confirmationSettled))
      // The outside world's answer: the code of the follow-up e-mail.
      let followUp = WebAddress.followUp(driver.state.settings.contact.email, reference: Scene.reference)
      driver.send(.codeMade(text: followUp, code: QRCodes.encode(followUp)))
    case .adminPin:
      driver.press(.function(12))
      driver.type("4829")
    case .admin:
      driver.press(.function(12))
      driver.type("4829")
      driver.press(.enter)
      driver.send(.pinChecked(isCorrect: true))
      driver.send(.outboxSummary(OutboxSummary(queued: 1, failed: 0, deliveredToday: 3)))
    case .tickets:
      driver.press(.function(12))
      driver.type("4829")
      driver.press(.enter)
      driver.send(.pinChecked(isCorrect: true))
      driver.press(.down, .enter)
      driver.send(.answer(.ticketsLoaded(Scene.outboxTickets)))
    case .thisKiosk:
      driver.press(.function(12))
      driver.type("4829")
      driver.press(.enter)
      driver.send(.pinChecked(isCorrect: true))
      driver.press(.end, .up, .enter)
    case .help:
      driver.press(.enter, .enter, .function(1))
    case .idle:
      Scene.openChecklist(&driver)
      driver.send(.timer(.idle))
      driver.send(.timer(.idleTick))
      driver.send(.timer(.idleTick))
      driver.send(.timer(.idleTick))
    case .search:
      let words = Scene.searchWords(catalog)
      driver.type(words)
      driver.send(.searchResults(Scene.titleSearch(words, catalog)))
    case .find:
      driver.press(.enter, .enter, .character("/"))
      driver.type(Scene.searchWords(catalog))
      driver.press(.enter, .character("n"))
    }
    return driver.state
  }

  /// The screen as text, one line per row without trailing spaces: what
  /// `helpdesk-kiosk render` prints. With `foldingToASCII`, every character is one a
  /// terminal without UTF-8 shows.
  public func text(_ catalog: Catalog, _ options: Options = Options(), foldingToASCII: Bool = false) -> String {
    render(state(catalog, options)).text(foldingToASCII: foldingToASCII)
  }

  /// The outbox as the Tickets screen lists it: one of each status, newest first.
  static let outboxTickets: [OutboxTicket] = [
    OutboxTicket(reference: "NLM-7K3Q-29", createdAt: clock, status: "sending"),
    OutboxTicket(
      reference: "NLM-4RZP-81", createdAt: clock - 3_600, status: "failed",
      lastError: "550 5.1.1 <helpdesk@netlumait.com.au>: Recipient address rejected: mailbox unavailable"),
    OutboxTicket(reference: "NLM-9D2W-45", createdAt: clock - 7_260, status: "queued"),
    OutboxTicket(reference: "NLM-3HXM-17", createdAt: clock - 86_400, status: "delivered"),
    OutboxTicket(reference: "NLM-6TBN-02", createdAt: clock - 90_000, status: "spooled"),
  ]

  /// The first article's steps, with the first one ticked and the second selected.
  private static func openChecklist(_ driver: inout Driver) {
    driver.press(.enter, .enter, .enter, .character(" "), .down)
  }

  /// "It did not help": from the checklist, through "What went wrong?", to "Still need help?".
  private static func openStillNeedHelp(_ driver: inout Driver) {
    openChecklist(&driver)
    // "No", and the first reason for it.
    driver.press(.tab, .tab, .enter, .character("n"), .enter)
  }

  /// The ticket form with a name typed, and the cursor in the contact field.
  private static func fillInName(_ driver: inout Driver) {
    openStillNeedHelp(&driver)
    driver.press(.enter)
    driver.type("Sam Taylor")
    driver.press(.tab)
  }

  private static func openReview(_ driver: inout Driver) {
    fillInName(&driver)
    driver.type("sam.taylor@example.org")
    driver.press(.tab)
    driver.type("The page said my session had expired. Signing in again did not help.")
    driver.press(.tab, .enter)
  }

  /// What the search and find scenes type: the start of the first article's first long
  /// word, as a person types part of a word.
  static func searchWords(_ catalog: Catalog) -> String {
    let first = catalog.categories.first.flatMap { catalog.articles(in: $0.name).first }
    let word = first?.title.split { !$0.isLetter }.first { $0.count >= 4 } ?? "help"
    return String(word.prefix(4)).lowercased()
  }

  /// A search of titles and summaries, standing in for the content index (which needs
  /// the content folder's files), so that the scene is the same wherever it is drawn.
  public static func titleSearch(_ words: String, _ catalog: Catalog) -> SearchResults {
    let query = SearchQuery(words)
    let hits = catalog.categories.flatMap { catalog.articles(in: $0.name) }
      .filter { article in
        query.words.allSatisfy { word in
          !SearchQuery(String(word)).matches(in: article.title + " " + article.summary).isEmpty
        }
      }
      .map { SearchHit(articleID: $0.id, snippet: $0.summary) }
    return SearchResults(query: words, hits: Array(hits.prefix(SearchState.resultLimit)), total: hits.count)
  }

  /// Feeds events through `update`, as the run loop does, ignoring the effects: their
  /// answers are sent as events by the scene itself.
  private struct Driver {
    var state: AppState

    init(_ state: AppState) {
      self.state = state
    }

    mutating func send(_ event: Event) {
      state = update(state, event).0
    }

    mutating func press(_ keys: Key...) {
      keys.forEach { send(.key($0)) }
    }

    mutating func type(_ text: String) {
      text.forEach { send(.key(.character($0))) }
    }
  }
}
