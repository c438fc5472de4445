import Foundation
import KioskContent
import KioskCore

/// The screens to draw, each reached as a person reaches it: by feeding keys and the
/// answers of the outside world (search results, the PIN check, the outbox's counts)
/// through `update`, on the generated knowledge base.
enum ScreenName: String, CaseIterable {
  case home, articles, reader, checklist, searchResults = "search results", ticketForm = "ticket form", review, admin
}

/// Keys and answers fed through `update`, with the lists and texts they ask for read
/// from the index (`Workload.update`).
private struct Driver {
  let index: ContentIndex

  func pressing(_ state: AppState, _ keys: Key...) -> AppState {
    keys.reduce(state) { Workload.update($0, .key($1), index: index) }
  }

  func typing(_ state: AppState, _ text: String) -> AppState {
    text.reduce(state) { Workload.update($0, .key($1 == "\n" ? .enter : .character($1)), index: index) }
  }

  func receiving(_ state: AppState, _ event: Event) -> AppState {
    Workload.update(state, event, index: index)
  }
}

enum Screens {
  /// What is typed on Home to find the article the reader and the checklist show.
  static let query = "session expired"

  /// The state that shows `name` at `size`; throws when the keys did not lead there.
  static func state(_ name: ScreenName, size: Size, catalog: Catalog, index: ContentIndex) throws -> AppState {
    let driver = Driver(index: index)
    let home = driver.receiving(AppState(catalog: catalog, size: size, hasAdminPin: true), .resize(size))
    let found = driver.receiving(driver.typing(home, query), .searchResults(try Workload.search(query, in: index)))
    // The top result, open at its first match; then its steps.
    let reader = driver.pressing(found, .enter)
    let checklist = driver.pressing(reader, .enter)
    // "Still need help?", then "No" to the question before the form.
    let form = driver.pressing(checklist, .character(" "), .down, .tab, .tab, .enter, .character("n"), .enter)
    var filled = driver.typing(form, "Zoë Ångström")
    filled = driver.typing(driver.pressing(filled, .tab), "zoe@example.com")
    filled = driver.typing(
      driver.pressing(filled, .tab),
      "Every time I log in it says my session has expired, even right after logging in.\n\n"
        + "I tried two browsers and restarted the laptop.")
    filled.now = Date(timeIntervalSince1970: 1_796_000_000)

    let state: AppState
    switch name {
    case .home: state = home
    case .articles: state = driver.pressing(home, .enter)
    case .reader: state = reader
    case .checklist: state = checklist
    case .searchResults:
      state = driver.receiving(driver.typing(home, "sess"), .searchResults(try Workload.search("sess", in: index)))
    case .ticketForm: state = filled
    case .review: state = driver.pressing(filled, .tab, .enter)
    case .admin:
      let checking = driver.pressing(driver.typing(driver.pressing(home, .function(12)), "1234"), .enter)
      state = driver.receiving(
        driver.receiving(checking, .pinChecked(isCorrect: true)),
        .outboxSummary(OutboxSummary(queued: 2, failed: 1, deliveredToday: 5)))
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
