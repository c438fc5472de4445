@testable import KioskCore
import KioskTestSupport
import Testing

@Suite("Search words")
struct SearchQueryTests {
  @Test func wordsMatchTheStartOfWordsWithoutCaseOrAccents() {
    let query = SearchQuery("Sess EXPIRÉ")
    #expect(query.matches(in: "Your session has expired") == [5..<9, 17..<23])
    #expect(query.matches(in: "A possession expires") == [13..<19], "only at the start of a word")
    #expect(SearchQuery("cafe").matches(in: "Le Café, café CAFÉ") == [3..<7, 9..<13, 14..<18])
    #expect(SearchQuery("wi fi").matches(in: "Wi-Fi") == [0..<2, 3..<5])
  }

  @Test func aWordThatStartsAnotherAddsNothing() {
    #expect(SearchQuery("sess session").foldedWords == ["session"])
    #expect(SearchQuery("Printer printer").foldedWords == ["printer"])
    #expect(SearchQuery("  -- ").isEmpty)
  }

  @Test func highlightingRestylesOnlyTheMatchesAndKeepsEmphasis() {
    let runs = [Run("Your "), Run("session", Style(.body, .strong)), Run(" has expired")]
    let lit = SearchQuery("session exp").highlight(runs)
    #expect(lit.map(\.text).joined() == "Your session has expired")
    #expect(lit.contains(Run("session", Style(.highlight, .strong))))
    #expect(lit.contains(Run("exp", Style(.highlight))))
    #expect(lit.contains(Run("ired", Style(.body))))
  }
}

@Suite("Search screen and finding in an article")
struct SearchFlowTests {
  let home = Fixtures.state()

  func search(_ state: AppState) -> SearchState? {
    if case .search(let search) = state.screen { return search }
    return nil
  }

  func reader(_ state: AppState) -> ReaderState? {
    if case .reader(let reader) = state.screen { return reader }
    return nil
  }

  /// Types text key by key, answering each search with `results`.
  func typing(_ text: String, into state: AppState, answer: (String) -> SearchResults) -> AppState {
    text.reduce(state) { state, character in
      let (next, effects) = update(state, .key(.character(character)))
      return effects.reduce(next) { state, effect in
        guard case .search(let words) = effect else { return state }
        return update(state, .searchResults(answer(words))).0
      }
    }
  }

  func answer(_ words: String) -> SearchResults {
    let ids = ["session-expired", "locked"].filter { _ in SearchQuery(words).foldedWords.allSatisfy { "session".hasPrefix($0) || "paragraph".hasPrefix($0) } }
    return SearchResults(query: words, hits: ids.map { SearchHit(articleID: $0, snippet: "Paragraph 1.") }, total: ids.count)
  }

  @Test func typingALetterOnHomeStartsASearchWithIt() {
    let (state, effects) = update(home, .key(.character("s")))
    #expect(search(state)?.field.text == "s")
    #expect(effects == [.search("s")])
    #expect(state.keyContext == .text)
    // A slash opens it empty; ? is still help, and arrows still move.
    #expect(search(home.pressing(.character("/")))?.field.text == "")
    #expect(home.pressing(.character("?")).isHelpShown)
    #expect(search(home.pressing(.down)) == nil)
  }

  @Test func resultsForOldWordsAreDropped() {
    var state = home.pressing(.character("s"), .character("e"))
    state = update(state, .searchResults(SearchResults(query: "s", hits: [SearchHit(articleID: "locked", snippet: "")], total: 1))).0
    #expect(search(state)?.results == nil)
    #expect(search(state)?.isPending == true)
    state = update(state, .searchResults(SearchResults(query: "se", hits: [SearchHit(articleID: "locked", snippet: "")], total: 1))).0
    #expect(search(state)?.results?.hits.map(\.articleID) == ["locked"])
  }

  @Test func hitsTheMenusDoNotHaveAreLeftOut() {
    var state = home.pressing(.character("x"))
    let hits = [SearchHit(articleID: "gone", snippet: ""), SearchHit(articleID: "locked", snippet: "")]
    state = update(state, .searchResults(SearchResults(query: "x", hits: hits, total: 2))).0
    #expect(search(state)?.results?.hits.map(\.articleID) == ["locked"])
  }

  @Test func backspaceAndEscape() {
    let typed = typing("sess", into: home, answer: answer)
    let (shorter, effects) = update(typed, .key(.backspace))
    #expect(search(shorter)?.field.text == "ses")
    #expect(effects == [.search("ses")])
    let cleared = typed.pressing(.backspace, .backspace, .backspace, .backspace)
    #expect(search(cleared)?.field.text == "")
    #expect(search(cleared)?.results?.hits == [], "nothing typed, nothing found")
    #expect(typed.pressing(.escape).screen == home.screen)
  }

  @Test func arrowsChooseAndEnterOpensTheArticleAtTheFirstMatch() throws {
    let typed = typing("paragraph", into: home, answer: answer)
    #expect(search(typed)?.results?.hits.map(\.articleID) == ["session-expired", "locked"])
    let (opened, effects) = update(typed.pressing(.down), .key(.enter))
    let reader = try #require(self.reader(opened))
    #expect(reader.article.id == "locked")
    #expect(effects == [.recordView(articleID: "locked")])
    let find = try #require(reader.find)
    #expect(find.matches.count == 40, "one per paragraph of the long article")
    #expect(find.current == 0)
    #expect(reader.lines[find.matches[0].line].text.hasPrefix("Paragraph 1 "))
    // Esc forgets the matches first, then goes back to the results.
    let cleared = opened.pressing(.escape)
    #expect(self.reader(cleared)?.find == nil)
    #expect(search(cleared.pressing(.escape)) != nil)
  }

  @Test func slashFindsInTheReaderAndNMovesBetweenMatches() throws {
    let opened = home.pressing(.enter, .enter)  // "Account Locked": 40 paragraphs
    #expect(reader(opened)?.article.id == "locked")
    var state = opened.pressing(.character("/"))
    #expect(state.keyContext == .text)
    state = "paragraph".reduce(state) { $0.pressing(.character($1)) }
    state = state.pressing(.enter)
    var find = try #require(reader(state)?.find)
    #expect(!find.isEditing)
    #expect(find.matches.count == 40)
    state = state.pressing(.character("n"), .character("n"))
    find = try #require(reader(state)?.find)
    #expect(find.current == 2)
    let top = try #require(reader(state)?.top)
    let line = find.matches[2].line
    #expect(line >= top && line < top + Geometry.bodyHeight(state.size), "the current match is in view")
    state = state.pressing(.character("N"), .character("N"), .character("N"))
    #expect(reader(state)?.find?.current == 39, "N wraps around to the last match")
    state = state.pressing(.character("n"))
    #expect(reader(state)?.find?.current == 0, "n wraps around to the first")
    let first = find.matches[0].line
    let back = try #require(reader(state)?.top)
    #expect(first >= back && first < back + Geometry.bodyHeight(state.size))
  }

  @Test func findingWordsThatAreNotThere() throws {
    var state = home.pressing(.enter, .enter, .character("/"))
    state = "zebra".reduce(state) { $0.pressing(.character($1)) }.pressing(.enter)
    let find = try #require(reader(state)?.find)
    #expect(find.matches.isEmpty)
    #expect(reader(state)?.top == 0)
    // Esc while typing leaves the earlier matches alone; with none, nothing stays.
    state = state.pressing(.character("/"), .escape)
    #expect(reader(state)?.find == nil)
  }

  @Test func slashStartsEmptyAndEnterAloneKeepsTheMatches() throws {
    var state = home.pressing(.enter, .enter, .character("/"))
    state = "paragraph".reduce(state) { $0.pressing(.character($1)) }.pressing(.enter, .character("n"))
    state = state.pressing(.character("/"))
    #expect(reader(state)?.find?.field.text == "", "new words each time")
    #expect(reader(state)?.find?.matches.count == 40, "the old matches stay while typing")
    state = state.pressing(.enter)
    let find = try #require(reader(state)?.find)
    #expect(!find.isEditing)
    #expect(find.matches.count == 40)
    #expect(find.query.text == "paragraph")
    state = "zebra".reduce(state.pressing(.character("/"))) { $0.pressing(.character($1)) }.pressing(.enter)
    #expect(reader(state)?.find?.matches.isEmpty == true, "new words replace the old matches")
  }

  @Test func matchesFollowTheTextWhenTheWindowIsResized() throws {
    var state = home.pressing(.enter, .enter, .character("/"))
    state = "paragraph".reduce(state) { $0.pressing(.character($1)) }.pressing(.enter)
    state = update(state, .resize(Size(columns: 40, rows: 12))).0
    let reader = try #require(self.reader(state))
    let find = try #require(reader.find)
    #expect(find.matches.count == 40)
    for match in find.matches {
      let text = Array(reader.lines[match.line].text)
      #expect(String(text[match.range]).lowercased() == "paragraph")
    }
  }

  @Test func nothingFoundOffersTheMostReadArticlesAndTheClosestTopics() throws {
    var state = home.pressing(.character("x"))
    var results = SearchResults(query: "x", hits: [], total: 0)
    results.popular = ["locked", "gone"]
    state = update(state, .searchResults(results)).0
    let found = try #require(search(state))
    #expect(found.results?.popular == ["locked"], "an article the menus lack is not offered")
    #expect(found.choices == [.article(SearchHit(articleID: "locked", snippet: ""))])
    // Words near a topic's name offer it; choosing it opens its list.
    let topic = try #require(home.catalog.categories.last)
    var near = typing("zz " + topic.name.lowercased(), into: home) { SearchResults(query: $0, hits: [], total: 0) }
    #expect(search(near)?.choices.last == .topic(topic.name))
    near = near.pressing(.end)
    let (opened, effects) = update(near, .key(.enter))
    guard case .articles(let category, _) = opened.screen else {
      Issue.record("expected the topic's articles, got \(opened.screen)")
      return
    }
    #expect(category == topic)
    #expect(effects == [.recordSearchGap(SearchGap("zz " + topic.name.lowercased(), outcome: .nothingFound))])
  }

  @Test func wordsThatFoundNothingAreCountedWhenThePersonMovesOnAndTicketsCountTheirSearch() throws {
    let nothing = typing("zebra", into: home) { SearchResults(query: $0, hits: [], total: 0) }
    #expect(update(nothing, .key(.escape)).1 == [.recordSearchGap(SearchGap("zebra", outcome: .nothingFound))])
    // Words that found articles are not gaps; nothing typed is nothing to count.
    let found = typing("paragraph", into: home, answer: answer)
    #expect(update(found, .key(.escape)).1.isEmpty)
    #expect(update(home.pressing(.character("/")), .key(.escape)).1.isEmpty)
    // The session remembers the words an article was opened from, until it ends.
    let opened = found.pressing(.enter)
    #expect(opened.session.search == "paragraph")
    var review = opened
    let content = TicketContent(
      name: "Jane", contact: "jane@example.com", description: "Still stuck.", articleID: "locked",
      articleTitle: "Account Locked", stepsTried: [], stepsNotTried: [], helpful: false, createdAt: review.now)
    review.screen = .review(ReviewState(content: content))
    let (saved, effects) = update(review, .ticketSaved(reference: "NLM-1"))
    #expect(effects.first == .recordSearchGap(SearchGap("paragraph", outcome: .ticket)))
    #expect(saved.session.search == nil)
  }
}
