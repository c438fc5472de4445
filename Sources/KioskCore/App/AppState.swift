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
}

/// An open article: its lines laid out for the current width, and the first line shown.
public struct ReaderState: Hashable, Sendable {
  public var article: Article
  /// Laid out as far as they are looked at, for a long article (see `ReaderLines`).
  public var lines: ReaderLines
  public var top = 0
  /// Words being found in the article, with their matches.
  public var find: ReaderFind?
  /// The number of the link that Tab moved to, if any (see `TextLine.links`).
  public var focusedLink: Int?

  /// The links in view from `top`, in reading order, each once.
  public func linksInView(_ size: Size) -> [LineLink] {
    var seen: Set<Int> = []
    return lines.window(from: top, count: Geometry.bodyHeight(size)).flatMap(\.links).filter {
      seen.insert($0.number).inserted
    }
  }

  /// The headings, for the contents: each with the line it starts on.
  public var headings: [ContentsEntry] { headings(stoppingAt: .max) }

  /// Whether the article has enough headings to offer its contents: asked on every frame,
  /// so it reads only as far as it needs to.
  public var offersContents: Bool {
    headings(stoppingAt: ContentsState.minimumHeadings).count >= ContentsState.minimumHeadings
  }

  /// The headings, read until `limit` have started.
  private func headings(stoppingAt limit: Int) -> [ContentsEntry] {
    var entries: [ContentsEntry] = []
    for (index, line) in lines.enumerated() {
      if entries.count >= limit { break }
      guard let role = line.runs.first(where: { !$0.text.allSatisfy { $0 == " " } })?.style.role,
        role == .heading || role == .subheading
      else { continue }
      let text = line.text.trimmingCharacters(in: .whitespaces)
      // A heading wrapped over lines is one entry.
      if let last = entries.last, last.line + last.lineCount == index, last.isSubheading == (role == .subheading) {
        entries[entries.count - 1].title += " " + text
        entries[entries.count - 1].lineCount += 1
      } else {
        entries.append(ContentsEntry(title: text, line: index, isSubheading: role == .subheading))
      }
    }
    return entries
  }

  /// The last `top` that still fills the body.
  public func maximumTop(_ size: Size) -> Int {
    max(lines.count - Geometry.bodyHeight(size), 0)
  }

  /// `top` kept from 0 to `maximumTop`, laying out only as far as the view it starts.
  public func clampedTop(_ top: Int, _ size: Size) -> Int {
    let top = max(top, 0)
    return lines.hasAtLeast(top + Geometry.bodyHeight(size)) ? top : maximumTop(size)
  }
}

/// One heading of an article's contents.
public struct ContentsEntry: Hashable, Sendable {
  public var title: String
  /// The reader line the heading starts on.
  public var line: Int
  public var isSubheading: Bool
  var lineCount = 1

  public init(title: String, line: Int, isSubheading: Bool) {
    self.title = title
    self.line = line
    self.isSubheading = isSubheading
  }
}

/// An article's headings, to jump to one.
public struct ContentsState: Hashable, Sendable {
  public var title: String
  public var entries: [ContentsEntry]
  public var menu = MenuState()

  /// Articles with fewer headings than this do not offer their contents.
  public static let minimumHeadings = 3
}

/// The fix-it steps of an article, with the selected item (a step or one of the two
/// actions after them) and the first row shown.
public struct ChecklistState: Hashable, Sendable {
  public var article: Article
  public var selection = 0
  public var top = 0

  public init(article: Article, selection: Int = 0, top: Int = 0) {
    self.article = article
    self.selection = selection
    self.top = top
  }
}

/// "Was this article helpful?", and where the answer leads.
public struct FeedbackState: Hashable, Sendable {
  /// What the person chose on the checklist.
  public enum Reason: Hashable, Sendable {
    case fixed
    case needHelp
  }

  public var article: Article
  public var reason: Reason
  /// 0 is Yes, 1 is No.
  public var selection = 0
}

/// Why an article did not help, as the person says after "No".
public enum NotHelpfulReason: String, Hashable, Sendable, CaseIterable {
  case stepsDidNotWork = "steps_did_not_work"
  case hardToFollow = "hard_to_follow"
  case outOfDate = "out_of_date"
  case notMyProblem = "not_my_problem"

  /// The button, and the line in a ticket.
  public var label: String {
    switch self {
    case .stepsDidNotWork: "The steps did not work"
    case .hardToFollow: "It was hard to follow"
    case .outOfDate: "It is out of date"
    case .notMyProblem: "It is not my problem"
    }
  }
}

/// "What went wrong?" after "No": a reason, or Skip.
public struct ReasonState: Hashable, Sendable {
  public var article: Article
  /// Where the answer leads next.
  public var then: FeedbackState.Reason
  /// An index into `NotHelpfulReason.allCases`; one past the last is Skip.
  public var selection = 0
}

/// A screen of a few buttons about an article ("Still need help?", "Glad that helped").
public struct ChoiceState: Hashable, Sendable {
  public var article: Article
  public var selection = 0
}

/// The review of a ticket before it is sent.
public struct ReviewState: Hashable, Sendable {
  public var content: TicketContent
  /// 0 Send, 1 Edit, 2 Cancel.
  public var selection = 0
  public var top = 0
  /// Why the last attempt to save the ticket failed, for the person to see.
  public var error: String?
  /// True from Send until the ticket is saved or has failed: keys wait.
  public var isSending = false
}

/// The operator's PIN prompt.
public struct PinState: Hashable, Sendable {
  /// The digits typed so far; shown only as dots.
  public var digits = ""
  /// Why the last PIN was refused, in words for the operator.
  public var message: String?
  /// True from Enter until the PIN has been checked: keys wait.
  public var isChecking = false

  public init() {}
}

/// The state of the outbox, as the admin screen shows it.
public struct OutboxSummary: Hashable, Sendable {
  public var queued: Int
  public var failed: Int
  public var deliveredToday: Int
  /// Tickets written to the spool folder today: they have not left the kiosk.
  public var spooledToday: Int
  /// Whether the kiosk's transport sends tickets on; false for the spool.
  public var isSending: Bool

  public init(queued: Int, failed: Int, deliveredToday: Int, spooledToday: Int = 0, isSending: Bool = true) {
    self.queued = queued
    self.failed = failed
    self.deliveredToday = deliveredToday
    self.spooledToday = spooledToday
    self.isSending = isSending
  }
}

/// The operator's screen: the outbox and what can be done about it.
public struct AdminState: Hashable, Sendable {
  public var selection = 0
  public var summary: OutboxSummary?
  /// The outcome of the last action ("3 tickets delivered", "Content reloaded").
  public var message: String?

  public init() {}
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

/// An address to take away: a title for it, and the address a QR code holds.
public struct TakeAwayState: Hashable, Sendable {
  public var title: String
  public var address: String

  public init(title: String, address: String) {
    self.title = title
    self.address = address
  }
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
