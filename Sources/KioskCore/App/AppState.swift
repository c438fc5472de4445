import Foundation

/// The selection in a menu and which entry is at the top of the view.
public struct MenuState: Hashable, Sendable {
  public var selection = 0
  public var top = 0

  public init(selection: Int = 0, top: Int = 0) {
    self.selection = selection
    self.top = top
  }

  /// Moves the selection, keeping it in `0..<count` and in view.
  mutating func select(_ index: Int, count: Int, visible: Int) {
    selection = min(max(index, 0), max(count - 1, 0))
    scrollIntoView(count: count, visible: visible)
  }

  mutating func scrollIntoView(count: Int, visible: Int) {
    if selection < top { top = selection }
    if selection >= top + visible { top = selection - visible + 1 }
    top = min(max(top, 0), max(count - visible, 0))
  }

  /// Moves the selection by a move action: a step, a page of `visible` entries, or to an end.
  mutating func move(_ action: Action, count: Int, visible: Int) {
    select(action.target(from: selection, page: visible), count: count, visible: visible)
  }

  /// The menu with the entry under a click selected (`row` counts from the top of the
  /// body); nil when the click is on no entry.
  func clicked(row: Int, kind: MenuKind, count: Int, _ size: Size) -> MenuState? {
    let item = row / Geometry.itemHeight(kind)
    guard item < Geometry.visibleItems(kind, size), top + item < count else { return nil }
    var menu = self
    menu.selection = top + item
    return menu
  }
}

/// One screen of the app, with everything needed to draw it and come back to it.
public enum Screen: Hashable, Sendable {
  case home(MenuState)
  case articles(category: Category, MenuState)
  case reader(ReaderState)
  case checklist(ChecklistState)
  case feedback(FeedbackState)
  case thanks(ChoiceState)
  case stillNeedHelp(ChoiceState)
  /// The ticket form; the draft itself is in the session, so it outlives the screen.
  case ticketForm
  case review(ReviewState)
  /// The ticket's reference. Keys wait until `isSettled`, so that a second press of the
  /// key that sent the ticket does not close this screen before it is read.
  case confirmation(reference: String, isSettled: Bool)
  /// "What went wrong?": optional, after "No" on "Was this article helpful?".
  case notHelpfulReason(ReasonState)
  /// The operator's PIN, after the admin key.
  case adminPin(PinState)
  case admin(AdminState)
  /// Search across the knowledge base.
  case search(SearchState)
  /// The headings of the article open in the reader behind it.
  case contents(ContentsState)
  /// An article's web address as a QR code, to take away on a phone.
  case takeAway(TakeAwayState)
  /// A screen that keeps its keys and their actions to itself (`OwnScreen`).
  case own(AnyOwnScreen)
}

/// A screen asked for whose content is being read (`Effect.loadCategory`,
/// `Effect.loadArticle`).
public enum Awaited: Hashable, Sendable {
  case category(Category)
  /// An article, with the words to find in it when it opens from a search.
  case article(id: String, highlight: SearchQuery?)
}

/// What one person did at the kiosk. It is wiped when they finish or walk away.
public struct Session: Hashable, Sendable {
  /// The steps ticked, per article id.
  public var ticks: [String: Set<Int>] = [:]
  /// The answers to "Was this article helpful?", per article id.
  public var votes: [String: Bool] = [:]
  /// The ticket being written.
  public var draft: TicketDraft?
  /// The words of the last search an article was opened from.
  public var search: String?
  /// Why articles did not help, per article id, for a ticket about them.
  public var reasons: [String: NotHelpfulReason] = [:]
  /// The articles "It's fixed" was chosen on, counted once each.
  public var fixed: Set<String> = []

  public init() {}
}

/// How to reach the help desk.
public struct Contact: Hashable, Sendable {
  public var email: String
  public var phone: String

  public init(email: String = "helpdesk@netlumait.com.au", phone: String = "1300 521 162") {
    self.email = email
    self.phone = phone
  }
}

/// The whole state of the kiosk: the settings it started with, and what changes as it runs.
public struct AppState: Hashable, Sendable {
  /// Fixed when the kiosk starts; `update` never changes them.
  public var settings: KioskSettings
  public var catalog: Catalog
  public var size: Size
  public var screen: Screen
  /// The screens behind the current one, for going back.
  public var history: [Screen] = []
  public var isHelpShown = false
  /// Seconds left on the "Are you still there?" countdown, while it is shown.
  public var idleCountdown: Int?
  /// Wrong PINs in a row; at three the prompt locks for a minute.
  public var pinFailures = 0
  public var isPinLocked = false
  /// What the person at the kiosk has done so far.
  public var session = Session()
  /// The time of the event being handled, set by the run loop (tests set it too), so that
  /// `update` never reads a clock.
  public var now: Date
  /// The QR codes made so far, by the text they hold (nil: it cannot be made).
  public var codes: [String: QRModules?] = [:]
  /// What the person opened that is still being read: it opens when it arrives.
  public var awaited: Awaited?

  public init(catalog: Catalog, size: Size, settings: KioskSettings, now: Date = Date(timeIntervalSince1970: 0)) {
    self.settings = settings
    self.catalog = catalog
    self.size = size
    self.now = now
    self.screen = .home(MenuState())
  }

  /// A kiosk with these settings and the defaults for the rest.
  public init(
    catalog: Catalog, size: Size, glyphs: Glyphs = .unicode, isDevelopment: Bool = false,
    organisation: String = "IT Help Desk", identity: KioskIdentity = KioskIdentity(),
    idleTimeout: Int = 120, idleWarning: Int = 30, adminKey: Key = .function(12),
    hasAdminPin: Bool = false, articleURLTemplate: String? = nil, now: Date = Date(timeIntervalSince1970: 0)
  ) {
    self.init(
      catalog: catalog, size: size,
      settings: KioskSettings(
        glyphs: glyphs, isDevelopment: isDevelopment, organisation: organisation, identity: identity,
        idleTimeout: idleTimeout, idleWarning: idleWarning, adminKey: adminKey, hasAdminPin: hasAdminPin,
        articleURLTemplate: articleURLTemplate),
      now: now)
  }
}
