/// The size of the terminal window, in cells.
public struct Size: Hashable, Sendable {
  public var columns: Int
  public var rows: Int

  public init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
  }
}

/// A key, as the terminal backend decodes it. Raw bytes never reach the app.
public enum Key: Hashable, Sendable {
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, backspace, delete, tab, backTab
  case function(Int)
  /// A printable character (never a control character).
  case character(Character)
  /// A control key: Ctrl plus the letter, in lower case (`"c"` for Ctrl-C).
  case control(Character)
}

/// A mouse report: a click or a wheel step at a cell.
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case press
    case wheelUp
    case wheelDown
  }

  public var kind: Kind
  public var row: Int
  public var column: Int

  public init(_ kind: Kind, row: Int, column: Int) {
    self.kind = kind
    self.row = row
    self.column = column
  }
}

/// The timers `update` can ask for.
public enum TimerID: Hashable, Sendable {
  /// The confirmation screen returns Home by itself.
  case confirmation
  /// The confirmation screen starts to take keys.
  case confirmationSettled
  /// Nobody has pressed a key for the idle time: ask whether anyone is still there.
  case idle
  /// One second of the "Are you still there?" countdown has passed.
  case idleTick
  /// The minute of the locked PIN prompt is over.
  case pinUnlock
}

/// Everything that can happen to the app.
public enum Event: Hashable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(Size)
  /// Text pasted into the terminal (bracketed paste), as one piece, not yet cleaned.
  case paste(String)
  /// A timer asked for with `Effect.startTimer` ran out.
  case timer(TimerID)
  /// The ticket is in the outbox, durably, under this reference.
  case ticketSaved(reference: String)
  /// The ticket could not be saved; the reason is for the person to read.
  case ticketFailed(reason: String)
  /// The answer to `Effect.checkPin`.
  case pinChecked(isCorrect: Bool)
  /// The outbox's state, for the admin screen.
  case outboxSummary(OutboxSummary)
  /// What an admin action did, in a few words for the operator.
  case adminMessage(String)
  /// The content folder was read again.
  case contentReloaded(Catalog)
  /// The answer to `Effect.search`.
  case searchResults(SearchResults)
  /// The content folder changed since the kiosk started: the menus now show this.
  case catalogRefreshed(Catalog)
  /// The answer to `Effect.makeCode`: the QR code of the text, nil when it cannot be made.
  case codeMade(text: String, code: QRModules?)
  /// The answer to `Effect.loadCategory`: the category's articles, by title.
  case categoryLoaded(category: String, [Article])
  /// The answer to `Effect.loadArticle`: the article read, with what the reader needs.
  case articleLoaded(ArticleLoad)
  /// The answer to `Effect.loadArticle` when the article is no longer there.
  case articleUnavailable(id: String)
  /// An answer for an own screen (`OwnScreen`), which it reads itself.
  case answer(ScreenAnswer)
}

/// The outside world's answers that own screens (`OwnScreen`) read.
public enum ScreenAnswer: Hashable, Sendable {
  /// The answer to `Effect.loadTickets`: the outbox's tickets, newest first.
  case ticketsLoaded([OutboxTicket])
}

/// Work that `update` asks the outside world to do. Its results come back as events.
public enum Effect: Hashable, Sendable {
  /// Leave the program with this exit status.
  case quit(status: Int32)
  /// Store an answer to "Was this article helpful?" (no personal data).
  case recordVote(articleID: String, helpful: Bool)
  /// Commit the ticket to the outbox; answer with `ticketSaved` or `ticketFailed`.
  case submitTicket(TicketContent)
  /// Send `Event.timer(id)` after this many seconds, replacing a timer of the same id.
  case startTimer(TimerID, seconds: Int)
  /// Clear the whole terminal, scrollback included: a session has ended.
  case wipeScreen
  /// Count a view of an article, for the operator's stats (no personal data).
  case recordView(articleID: String)
  /// Check the operator's PIN against the configured hash; answer with `pinChecked`.
  case checkPin(String)
  /// Count the outbox's tickets; answer with `outboxSummary`.
  case loadOutboxSummary
  /// Run a delivery round now; answer with `adminMessage` and `outboxSummary`.
  case deliverNow
  /// Read the content folder again; answer with `contentReloaded` and `adminMessage`.
  case reloadContent
  /// Read a category's list of articles; answer with `categoryLoaded`.
  case loadCategory(String)
  /// Read an article's text; answer with `articleLoaded` or `articleUnavailable`.
  case loadArticle(String)
  /// Search the knowledge base for these words; answer with `searchResults`.
  case search(String)
  /// Count words that the knowledge base did not answer, for its authors.
  case recordSearchGap(SearchGap)
  /// Make the QR code of a text (an address to take away); answer with `codeMade`.
  case makeCode(String)
  /// Store why an article did not help (no personal data: the article, the reason, the time).
  case recordReason(articleID: String, reason: NotHelpfulReason)
  /// Count how a visit went (no personal data).
  case recordOutcome(Outcome)
  /// List the outbox's tickets for the operator; answer with `ScreenAnswer.ticketsLoaded`.
  case loadTickets
}

/// What the operator's figures count beyond views, answers and tickets.
public enum Outcome: Hashable, Sendable {
  /// A person's visit ended: from their first key until the kiosk was left alone or done.
  case session
  /// "It's fixed" on an article's steps: a problem solved without a ticket.
  case fixed(articleID: String)
}
