/// The buttons of the app's screens, each an enum: the order of the cases is the order on
/// the screen, and `update` switches on the case, so reordering them cannot change what a
/// button does.

/// The admin screen's actions.
public enum AdminChoice: CaseIterable, Sendable {
  case deliverNow, tickets, reloadContent, exitKiosk, back

  public var title: String {
    switch self {
    case .deliverNow: "Deliver now"
    case .tickets: "Tickets"
    case .reloadContent: "Reload content"
    case .exitKiosk: "Exit kiosk"
    case .back: "Back"
    }
  }
}

/// The answers to "Was this article helpful?".
public enum FeedbackAnswer: CaseIterable, Sendable {
  case yes, no

  public var title: String { self == .yes ? "Yes" : "No" }
}

/// The buttons after "It's fixed" and a vote.
public enum ThanksChoice: CaseIterable, Sendable {
  case home, backToArticle

  public var title: String { self == .home ? "Home" : "Back to the article" }
}

/// The buttons of "Still need help?": a ticket, back, Home, then the related articles.
public enum StuckChoice: Hashable, Sendable {
  case openTicket, backToArticle, home
  case read(Article)

  /// The fixed buttons, before the related articles.
  public static let fixed: [StuckChoice] = [.openTicket, .backToArticle, .home]

  public var title: String {
    switch self {
    case .openTicket: "Open a ticket"
    case .backToArticle: "Back to the article"
    case .home: "Home"
    case .read(let article): "Read: \(article.title)"
    }
  }
}

/// The buttons of "What went wrong?": the reasons, then Skip.
public enum ReasonChoice: Hashable, Sendable, CaseIterable {
  case reason(NotHelpfulReason)
  case skip

  public static var allCases: [ReasonChoice] { NotHelpfulReason.allCases.map(ReasonChoice.reason) + [.skip] }

  public var title: String {
    switch self {
    case .reason(let reason): reason.label
    case .skip: "Skip"
    }
  }
}

/// The buttons under the review of a ticket.
public enum ReviewChoice: CaseIterable, Sendable {
  case send, edit, cancel

  public var title: String {
    switch self {
    case .send: "Send"
    case .edit: "Edit"
    case .cancel: "Cancel"
    }
  }
}

extension Array {
  /// The element at `index`, or nil past the ends: a button under a selection.
  subscript(ifPresent index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}

extension FormFocus {
  /// The buttons under the ticket form, in order.
  public static let buttons: [FormFocus] = [.review, .cancel]

  public var buttonTitle: String { self == .cancel ? "Cancel" : "Review" }
}
