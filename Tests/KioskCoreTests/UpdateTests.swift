import KioskCore
import KioskTestSupport
import Testing

@Suite struct NavigationTests {
  let home = Fixtures.state()

  private func menu(_ state: AppState) -> MenuState? {
    switch state.screen {
    case .home(let menu), .articles(_, let menu): menu
    default: nil
    }
  }

  private func reader(_ state: AppState) -> ReaderState? {
    if case .reader(let reader) = state.screen { return reader }
    return nil
  }

  @Test func homeListsCategoriesWithArticlesInFileOrder() {
    #expect(home.catalog.categories.map(\.name) == ["Common Error Messages", "Printing"])
    #expect(menu(home) == MenuState(selection: 0, top: 0))
  }

  @Test func arrowsMoveTheSelectionWithinBounds() {
    #expect(menu(home.pressing(.down)).map(\.selection) == 1)
    #expect(menu(home.pressing(.down, .down, .down)).map(\.selection) == 1)
    #expect(menu(home.pressing(.down, .up)).map(\.selection) == 0)
    #expect(menu(home.pressing(.up)).map(\.selection) == 0)
    #expect(menu(home.pressing(.end)).map(\.selection) == 1)
    #expect(menu(home.pressing(.end, .home)).map(\.selection) == 0)
  }

  @Test func enterOpensTheCategoryThenTheArticle() throws {
    let list = home.pressing(.enter)
    guard case .articles(let category, _) = list.screen else {
      Issue.record("expected the article list, got \(list.screen)")
      return
    }
    #expect(category.name == "Common Error Messages")
    let opened = try #require(reader(list.pressing(.down, .right)))
    #expect(opened.article.title == "Incorrect Password")
    #expect(opened.top == 0)
  }

  @Test(arguments: [Key.escape, .left, .backspace])
  func backRestoresThePreviousSelection(key: Key) throws {
    let list = home.pressing(.enter, .down, .down)
    let back = list.pressing(.enter, key)
    #expect(back.screen == list.screen)
    let again = back.pressing(key)
    #expect(again.screen == home.screen)
    #expect(again.history.isEmpty)
    #expect(again.pressing(key).screen == home.screen, "back on Home stays on Home")
  }

  @Test func backRestoresTheSelectionOnHome() {
    let printing = home.pressing(.down, .enter, .escape)
    #expect(menu(printing) == MenuState(selection: 1, top: 0))
  }

  @Test func readerScrollsByLineAndPageWithinBounds() throws {
    let opened = home.pressing(.enter, .enter)
    let start = try #require(reader(opened))
    let height = Geometry.bodyHeight(opened.size)
    #expect(start.lines.count > height * 2)
    #expect(reader(opened.pressing(.down))?.top == 1)
    #expect(reader(opened.pressing(.character("j"), .character("j"), .character("k")))?.top == 1)
    #expect(reader(opened.pressing(.up))?.top == 0)
    #expect(reader(opened.pressing(.pageDown))?.top == height - 1)
    #expect(reader(opened.pressing(.character(" ")))?.top == height - 1)
    #expect(reader(opened.pressing(.pageDown, .character("b")))?.top == 0)
    let bottom = try #require(reader(opened.pressing(.end)))
    #expect(bottom.top == start.lines.count - height)
    #expect(reader(opened.pressing(.end, .down, .pageDown))?.top == bottom.top)
    #expect(reader(opened.pressing(.character("G"), .home))?.top == 0)
  }

  @Test func backFromTheReaderKeepsTheListAndReopeningStartsAtTheTop() {
    let list = home.pressing(.enter, .down)
    let reopened = list.pressing(.enter, .pageDown, .escape, .enter)
    #expect(reader(reopened)?.top == 0)
    #expect(reopened.pressing(.escape).screen == list.screen)
  }

  @Test func menusScrollToKeepTheSelectionInView() throws {
    let articles = (1...12).map { Fixtures.article("a\($0)", title: "Article \($0 + 10)") }
    let catalog = Catalog(categories: [Fixtures.errors], articles: articles)
    let list = Fixtures.state(catalog: catalog).pressing(.enter)
    let visible = Geometry.visibleItems(.articles, list.size)
    let last = try #require(menu(list.pressing(.end)))
    #expect(last.selection == 11)
    #expect(last.top == 12 - visible)
    let paged = try #require(menu(list.pressing(.pageDown)))
    #expect(paged.selection == visible)
    #expect(paged.top == 1)
    #expect(menu(list.pressing(.end, .home)) == MenuState(selection: 0, top: 0))
  }
}

@Suite struct ResizeTests {
  @Test func resizingTheReaderKeepsItsPlace() throws {
    let opened = Fixtures.state(Size(columns: 60, rows: 24)).pressing(.enter, .enter, .pageDown, .pageDown)
    guard case .reader(let before) = opened.screen else { throw Unexpected.screen }
    let anchor = before.lines[before.top].anchor
    let wider = update(opened, .resize(Size(columns: 120, rows: 30))).0
    guard case .reader(let after) = wider.screen else { throw Unexpected.screen }
    #expect(after.lines.allSatisfy { $0.width <= Geometry.textWidth(wider.size) })
    #expect(after.lines[after.top].anchor <= anchor)
    #expect(after.top + 1 >= after.lines.count || after.lines[after.top + 1].anchor > anchor)
  }

  @Test func resizingKeepsTheMenuSelectionInView() throws {
    let articles = (1...12).map { Fixtures.article("a\($0)", title: "Article \($0 + 10)") }
    let state = Fixtures.state(catalog: Catalog(categories: [Fixtures.errors], articles: articles))
      .pressing(.enter, .end)
    let small = update(state, .resize(Size(columns: 80, rows: 14))).0
    guard case .articles(_, let menu) = small.screen else { throw Unexpected.screen }
    let visible = Geometry.visibleItems(.articles, small.size)
    #expect(menu.selection == 11)
    #expect((menu.top..<(menu.top + visible)).contains(11))
  }

  @Test func keysDoNothingWhileTheWindowIsTooSmall() {
    let tiny = update(Fixtures.state(isDevelopment: true), .resize(Size(columns: 30, rows: 10))).0
    #expect(tiny.pressing(.down, .enter).screen == tiny.screen)
    let (_, effects) = update(tiny, .key(.character("q")))
    #expect(effects == [.quit(status: 0)], "q still quits in development mode")
  }

  enum Unexpected: Error { case screen }
}

@Suite struct QuitAndHelpTests {
  @Test func qQuitsOnlyInDevelopmentMode() {
    // In the kiosk, q on Home is the first letter of a search.
    #expect(!update(Fixtures.state(), .key(.character("q"))).1.contains(.quit(status: 0)))
    #expect(update(Fixtures.state(isDevelopment: true), .key(.character("q"))).1 == [.quit(status: 0)])
  }

  @Test func onlyDevelopmentModeQuitsFromOtherScreensOrOnControlC() {
    let kiosk = Fixtures.state().pressing(.enter, .enter)
    #expect(update(kiosk, .key(.character("q"))).1.isEmpty)
    #expect(update(kiosk, .key(.control("c"))).1.isEmpty)
    #expect(update(Fixtures.state(), .key(.control("c"))).1.isEmpty)
    let dev = Fixtures.state(isDevelopment: true).pressing(.enter, .enter)
    #expect(update(dev, .key(.character("q"))).1 == [.quit(status: 0)])
    #expect(update(dev, .key(.control("c"))).1 == [.quit(status: 0)])
  }

  @Test(arguments: [Key.function(1), .character("?")])
  func helpOpensAndAnyKeyClosesItWithoutActing(key: Key) {
    let shown = Fixtures.state().pressing(key)
    #expect(shown.isHelpShown)
    let closed = shown.pressing(.enter)
    #expect(!closed.isHelpShown)
    #expect(closed.screen == Fixtures.state().screen, "the key that closes help does nothing else")
  }

  @Test func unboundKeysChangeNothing() {
    let state = Fixtures.state().pressing(.enter)
    let after = state.pressing(.character("x"), .control("z"), .function(10), .delete)
    #expect(after.screen == state.screen && after.history == state.history && after.session == state.session)
  }
}

@Suite struct MouseTests {
  @Test func wheelMovesTheSelectionAndScrollsTheReader() {
    let home = Fixtures.state()
    let down = update(home, .mouse(MouseEvent(.wheelDown, row: 5, column: 5))).0
    guard case .home(let menu) = down.screen else { Issue.record("not home"); return }
    #expect(menu.selection == 1)
    let reader = home.pressing(.enter, .enter)
    let scrolled = update(reader, .mouse(MouseEvent(.wheelDown, row: 5, column: 5))).0
    guard case .reader(let state) = scrolled.screen else { Issue.record("not reader"); return }
    #expect(state.top == 3)
  }

  @Test func clickOpensTheEntryUnderIt() {
    let home = Fixtures.state()
    let row = Geometry.headerHeight + Geometry.itemHeight(.categories) + 1
    let clicked = update(home, .mouse(MouseEvent(.press, row: row, column: 10))).0
    guard case .articles(let category, _) = clicked.screen else { Issue.record("not opened"); return }
    #expect(category.name == "Printing")
    #expect(clicked.pressing(.escape).screen == .home(MenuState(selection: 1, top: 0)))
  }

  @Test func aClickBelowTheVisibleEntriesOpensNothing() {
    let articles = (1...12).map { Fixtures.article("a\($0)", title: "Article \($0 + 10)") }
    let list = Fixtures.state(catalog: Catalog(categories: [Fixtures.errors], articles: articles)).pressing(.enter)
    let visible = Geometry.visibleItems(.articles, list.size)
    let row = Geometry.headerHeight + visible * Geometry.itemHeight(.articles)
    #expect(update(list, .mouse(MouseEvent(.press, row: row, column: 5))).0.screen == list.screen)
  }

  @Test func clicksOutsideTheMenuDoNothing() {
    let home = Fixtures.state()
    for row in [0, 1, Geometry.headerHeight + 2 * Geometry.itemHeight(.categories) + 1, 23] {
      #expect(update(home, .mouse(MouseEvent(.press, row: row, column: 3))).0 == home)
    }
  }
}
