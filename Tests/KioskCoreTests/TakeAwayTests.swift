import Foundation
@testable import KioskCore
import KioskTestSupport
import Testing

/// Taking an article or a ticket away as a QR code: the address, the effect, the screen.
@Suite("Take it with you")
struct TakeAwayTests {
  static func reader(template: String?, url: String? = nil) -> AppState {
    let article = Article(
      id: "guides/wi fi", title: "Wi-Fi", category: Fixtures.errors.name, updated: Day(year: 2026, month: 1, day: 7),
      summary: "Getting on.", readMinutes: 1, url: url, document: Document(blocks: [.paragraph([Span("Text.")])]))
    let size = Size(columns: 80, rows: 24)
    var state = AppState(
      catalog: Catalog(categories: [Fixtures.errors], articles: [article]), size: size, idleTimeout: 0,
      articleURLTemplate: template)
    state = update(state, .resize(size)).0
    return state.pressing(.enter, .enter)
  }

  @Test func wShowsTheArticlesAddressAndAsksForItsCode() throws {
    let (state, effects) = update(Self.reader(template: "https://help.example.com/a/{id}"), .key(.character("w")))
    let address = "https://help.example.com/a/guides/wi%20fi"
    #expect(state.screen == .takeAway(TakeAwayState(title: "Wi-Fi", address: address)))
    #expect(effects == [.makeCode(address)])
    // The code comes back, and is not asked for again.
    let made = update(state, .codeMade(text: address, code: QRModules(size: 1, dark: [true]))).0
    #expect(made.codes[address] != nil)
    let again = update(made.pressing(.escape), .key(.character("w")))
    #expect(again.1.isEmpty)
    // Enter or Esc go back to the article.
    guard case .reader = made.pressing(.enter).screen else {
      Issue.record("Enter goes back to the article")
      return
    }
  }

  @Test func anArticlesOwnAddressComesFirstAndWithoutOneWDoesNothing() {
    let own = update(Self.reader(template: "https://x.example/{id}", url: "https://own.example/wifi"), .key(.character("w")))
    #expect(own.1 == [.makeCode("https://own.example/wifi")])
    let none = Self.reader(template: nil)
    #expect(none.pressing(.character("w")).screen == none.screen)
  }

  @Test func aSavedTicketAsksForTheFollowUpCodeAndTheSessionsEndForgetsIt() throws {
    let mailto = WebAddress.followUp("helpdesk@netlumait.com.au", reference: "NLM-B5VP-93")
    #expect(mailto == "mailto:helpdesk@netlumait.com.au?subject=Ticket%20NLM-B5VP-93")
    var state = Fixtures.state()
    state.screen = .review(ReviewState(content: TicketContent(
      name: "Sam", contact: "sam@example.org", description: "Stuck.", articleID: "locked", articleTitle: "Account Locked",
      stepsTried: [], stepsNotTried: [], helpful: false, createdAt: state.now)))
    let (saved, effects) = update(state, .ticketSaved(reference: "NLM-B5VP-93"))
    #expect(effects.contains(.makeCode(mailto)))
    let made = update(saved, .codeMade(text: mailto, code: nil)).0
    #expect(made.codes[mailto] == .some(nil), "a text that cannot be encoded is remembered as such")
    #expect(update(made, .timer(.confirmation)).0.codes.isEmpty)
  }

  @Test func webAddressesAreHttpOrHttpsWithAHostInPrintableASCII() {
    #expect(WebAddress.isWebAddress("https://help.example.com/a?b=c"))
    #expect(WebAddress.isWebAddress("http://intranet/kb/1"))
    #expect(!WebAddress.isWebAddress("https:///path"))
    #expect(!WebAddress.isWebAddress("javascript:alert(1)"))
    #expect(!WebAddress.isWebAddress("https://exa mple.com"))
    #expect(!WebAddress.isWebAddress("https://bücher.example"))
  }
}

/// Calendar days, for how old an article is.
@Suite("Days")
struct DayArithmeticTests {
  @Test func aDateIsItsDayInUTCAndDaysCountAcrossMonthsYearsAndLeapDays() {
    #expect(Day(Date(timeIntervalSince1970: 0)) == Day(year: 1970, month: 1, day: 1))
    #expect(Day(Date(timeIntervalSince1970: 1_796_047_380)) == Day(year: 2026, month: 11, day: 30))
    #expect(Day(Date(timeIntervalSince1970: -1)) == Day(year: 1969, month: 12, day: 31))
    #expect(Day(year: 2024, month: 2, day: 28).days(until: Day(year: 2024, month: 3, day: 1)) == 2)
    #expect(Day(year: 2023, month: 2, day: 28).days(until: Day(year: 2023, month: 3, day: 1)) == 1)
    #expect(Day(year: 2025, month: 1, day: 1).days(until: Day(year: 2026, month: 1, day: 1)) == 365)
    #expect(Day(year: 2000, month: 1, day: 1).days(until: Day(year: 2100, month: 1, day: 1)) == 36_525, "2000 is a leap year, 2100 is not reached")
    #expect(Day(year: 2026, month: 1, day: 7).days(until: Day(year: 2025, month: 12, day: 31)) == -7)
  }
}
