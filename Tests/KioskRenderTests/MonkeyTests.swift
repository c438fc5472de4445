import Foundation
import KioskCore
import KioskScenes
import KioskRender
import KioskTestSupport
import Testing

/// A seeded random stream of events through the pure core, with invariants checked after
/// each: whatever arrives, the state stays valid and nothing traps.
@Suite struct MonkeyTests {

  static let keys: [Key] = [
    .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace,
    .delete, .tab, .backTab, .function(1), .function(10), .function(12), .character("q"),
    .character(" "), .character("?"), .character("y"), .character("n"), .character("x"),
    .character("7"), .character("日"), .control("c"), .control("z"), .control("d"),
  ]

  /// The next event. On the form, half the time it is what a person filling it in does
  /// (a valid value pasted into the focused field, or Tab), so the stream gets past it.
  static func event(_ random: inout SplitMix, _ state: AppState) -> Event {
    if state.screen == .ticketForm, Bool.random(using: &random), let focus = state.session.draft?.focus {
      if focus == .contact && state.session.draft?.contact.characters.isEmpty == true {
        return .paste("jane@example.com")
      }
      if focus.isTextField && Bool.random(using: &random) { return .paste("Jane") }
      return .key(focus == .review ? .enter : .tab)
    }
    switch Int.random(in: 0..<100, using: &random) {
    case 0..<80: return .key(keys.randomElement(using: &random) ?? .enter)
    case 80..<84:
      return .resize(Size(columns: Int.random(in: 1...200, using: &random), rows: Int.random(in: 1...70, using: &random)))
    case 84..<87:
      // Hostile pastes, and a valid contact now and then so that the review is reached.
      let pastes = ["Jane\r\nBcc: x", "\u{1B}]0;t\u{07}", String(repeating: "é", count: 300), "jane@example.com", "0412 345 678"]
      return .paste(pastes.randomElement(using: &random) ?? "")
    case 87..<90: return .mouse(MouseEvent([.press, .wheelUp, .wheelDown].randomElement(using: &random) ?? .press,
      row: Int.random(in: 0..<70, using: &random), column: Int.random(in: 0..<200, using: &random)))
    case 90..<93: return .timer([.idle, .idleTick, .confirmation, .confirmationSettled, .pinUnlock].randomElement(using: &random) ?? .idle)
    case 93..<95: return .ticketSaved(reference: "NLM-B5VP-93")
    case 95..<96: return .ticketFailed(reason: "disk full")
    case 96..<98: return .pinChecked(isCorrect: Bool.random(using: &random))
    default: return .outboxSummary(OutboxSummary(queued: 1, failed: 0, deliveredToday: 2))
    }
  }

  /// Invariants every state must keep.
  static func check(_ state: AppState) -> String? {
    switch state.screen {
    case .home(let menu):
      if !state.catalog.categories.isEmpty && !state.catalog.categories.indices.contains(menu.selection) {
        return "home selection \(menu.selection)"
      }
    case .articles(let category, let menu):
      if !state.catalog.articles(in: category.name).indices.contains(menu.selection) {
        return "article selection \(menu.selection)"
      }
      if menu.top > menu.selection { return "list scrolled past its selection" }
    case .reader(let reader):
      if reader.top < 0 || reader.top > reader.maximumTop(state.size) { return "reader top \(reader.top)" }
      if let find = reader.find, !find.matches.isEmpty, !find.matches.indices.contains(find.current) {
        return "find current \(find.current) of \(find.matches.count)"
      }
    case .checklist(let checklist):
      if !(0..<ChecklistLayout.itemCount(checklist.article)).contains(checklist.selection) {
        return "checklist selection \(checklist.selection)"
      }
    case .ticketForm:
      guard let draft = state.session.draft else { return "form without a draft" }
      for field in [draft.name, draft.contact, draft.description] {
        if field.characters.count > field.limit || !(0...field.characters.count).contains(field.cursor) {
          return "field out of bounds"
        }
      }
    case .review(let review):
      if !(0...2).contains(review.selection) || review.top < 0 { return "review \(review)" }
    case .search(let search):
      let count = search.results?.hits.count ?? 0
      if search.menu.selection < 0 || (count > 0 && search.menu.selection >= count) { return "search selection" }
      if search.field.characters.count > search.field.limit { return "search field too long" }

    case .feedback(let feedback) where !(0...1).contains(feedback.selection):
      return "feedback selection"
    default:
      break
    }
    if let left = state.idleCountdown, left < 1 || left > state.settings.idleWarning { return "countdown \(left)" }
    return nil
  }

  @Test(arguments: [1, 2, 3, 2026])
  func aMillionEventsKeepTheStateValid(seed: UInt64) {
    var random = SplitMix(state: seed)
    var state = Fixtures.state(idleTimeout: 120)
    state.settings.hasAdminPin = true
    let count = 250_000
    var visited: Set<String> = []
    for number in 0..<count {
      let event = Self.event(&random, state)
      let effects: [Effect]
      (state, effects) = update(state, event)
      for case .search(let words) in effects {
        state = update(state, .searchResults(Scene.titleSearch(words, state.catalog))).0
      }
      visited.insert(Self.kind(state.screen))
      if let problem = Self.check(state) {
        Issue.record("seed \(seed), event \(number) (\(event)): \(problem)")
        return
      }
      if number % 997 == 0 { _ = render(state) }
    }
    // The stream reaches deep into the app, not only Home.
    #expect(visited.isSuperset(of: ["home", "articles", "reader", "checklist", "feedback", "form", "review", "confirmation", "admin", "search"]),
      "visited \(visited.sorted())")
  }

  static func kind(_ screen: Screen) -> String {
    switch screen {
    case .home: "home"
    case .articles: "articles"
    case .reader: "reader"
    case .checklist: "checklist"
    case .feedback: "feedback"
    case .thanks: "thanks"
    case .stillNeedHelp: "stuck"
    case .ticketForm: "form"
    case .review: "review"
    case .confirmation: "confirmation"
    case .adminPin: "pin"
    case .admin: "admin"
    case .search: "search"
    case .contents: "contents"
    case .takeAway: "take-away"
    case .notHelpfulReason: "reason"
    case .own(let own): "\(type(of: own.base))"
    }
  }
}
