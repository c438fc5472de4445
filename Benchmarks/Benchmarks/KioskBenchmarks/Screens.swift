import Foundation
import KioskContent
import KioskCore

/// The screens to draw, each reached as a person reaches it: by feeding keys and the
/// answers of the outside world (search results, the PIN check, the outbox's counts)
/// through `update`, on the generated knowledge base.
enum ScreenName: String, CaseIterable {
  case home, articles, reader, checklist, searchResults = "search results", ticketForm = "ticket form", review, admin
}

extension AppState {
  fileprivate func pressing(_ keys: Key...) -> AppState {
    keys.reduce(self) { update($0, .key($1)).0 }
  }

  fileprivate func typing(_ text: String) -> AppState {
    text.reduce(self) { update($0, .key($1 == "\n" ? .enter : .character($1))).0 }
  }

  fileprivate func receiving(_ event: Event) -> AppState {
    update(self, event).0
  }
}

enum Screens {
  /// What is typed on Home to find the article the reader and the checklist show.
  static let query = "session expired"

  /// The state that shows `name` at `size`; throws when the keys did not lead there.
  static func state(_ name: ScreenName, size: Size, catalog: Catalog, index: ContentIndex) throws -> AppState {
    var home = AppState(catalog: catalog, size: size, hasAdminPin: true)
    home = home.receiving(.resize(size))
    let found = home.typing(query).receiving(.searchResults(try index.search(query, limit: SearchState.resultLimit)))
    // The top result, open at its first match; then its steps.
    let reader = found.pressing(.enter)
    let checklist = reader.pressing(.enter)
    // "Still need help?", then "No" to the question before the form.
    let form = checklist.pressing(.character(" "), .down, .tab, .tab, .enter, .character("n"), .enter)
    var filled = form.typing("Zoë Ångström").pressing(.tab).typing("zoe@example.com").pressing(.tab)
    filled = filled.typing(
      "Every time I log in it says my session has expired, even right after logging in.\n\n"
        + "I tried two browsers and restarted the laptop.")
    filled.now = Date(timeIntervalSince1970: 1_796_000_000)

    let state: AppState
    switch name {
    case .home: state = home
    case .articles: state = home.pressing(.enter)
    case .reader: state = reader
    case .checklist: state = checklist
    case .searchResults:
      state = home.typing("sess").receiving(.searchResults(try index.search("sess", limit: SearchState.resultLimit)))
    case .ticketForm: state = filled
    case .review: state = filled.pressing(.tab, .enter)
    case .admin:
      let checking = home.pressing(.function(12)).typing("1234").pressing(.enter)
      state = checking.receiving(.pinChecked(isCorrect: true))
        .receiving(.outboxSummary(OutboxSummary(queued: 2, failed: 1, deliveredToday: 5)))
    }
    guard shows(state.screen, name) else {
      throw WorkloadError("the keys for the \(name.rawValue) screen led to \(state.screen) instead")
    }
    return state
  }

  private static func shows(_ screen: Screen, _ name: ScreenName) -> Bool {
    switch (screen, name) {
    case (.home, .home), (.articles, .articles), (.checklist, .checklist), (.ticketForm, .ticketForm),
      (.review, .review):
      return true
    case (.reader(let reader), .reader): return reader.find?.matches.isEmpty == false
    case (.search(let search), .searchResults): return search.results?.hits.isEmpty == false
    case (.admin(let admin), .admin): return admin.summary != nil
    default: return false
    }
  }
}
