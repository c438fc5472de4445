import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// From the reader to a ticket: the checklist, the vote, "Still need help?", the form,
/// the review and the confirmation.
@Suite struct TicketFlowTests {
  /// The reader of the long fixture article ("Account Locked", two steps).
  let reader = Fixtures.state().pressing(.enter, .enter)

  private func checklist(_ state: AppState) -> ChecklistState? {
    if case .checklist(let checklist) = state.screen { return checklist }
    return nil
  }

  private func typing(_ text: String, into state: AppState) -> AppState {
    text.reduce(state) { update($0, .key($1 == "\n" ? .enter : .character($1))).0 }
  }

  /// The form filled in for the long fixture article, with step 0 ticked and a "No" vote.
  var filledForm: AppState {
    var state = reader.pressing(.enter, .character(" "), .tab, .down, .enter)  // tick, I still need help
    state = state.pressing(.down, .enter)  // helpful: No
    state = state.pressing(.escape)  // What went wrong: skipped
    state = state.pressing(.enter)  // Open a ticket
    state = typing("Jane Citizen", into: state).pressing(.tab)
    state = typing("jane@example.com", into: state).pressing(.tab)
    return typing("It still says my session has expired.", into: state)
  }

  @Test func enterInTheReaderOpensTheChecklistAndSpaceTicks() throws {
    let opened = reader.pressing(.enter)
    #expect(checklist(opened)?.selection == 0)
    let ticked = opened.pressing(.character(" "), .down, .enter)
    #expect(ticked.session.ticks["locked"] == [0, 1])
    #expect(ticked.pressing(.character(" ")).session.ticks["locked"] == [0], "Space unticks")
  }

  @Test func ticksSurviveGoingBackToTheReaderAndReturning() {
    let again = reader.pressing(.enter, .character(" "), .escape, .pageDown, .enter)
    #expect(again.session.ticks["locked"] == [0])
    #expect(checklist(again) != nil)
  }

  @Test func tabJumpsBetweenTheStepsAndTheActions() {
    let opened = reader.pressing(.enter)
    #expect(checklist(opened.pressing(.tab))?.selection == 2)
    #expect(checklist(opened.pressing(.tab, .tab))?.selection == 3)
    #expect(checklist(opened.pressing(.tab, .tab, .tab))?.selection == 0)
    #expect(checklist(opened.pressing(.backTab))?.selection == 3)
    #expect(checklist(opened.pressing(.end, .down))?.selection == 3, "bounded at the last action")
  }

  @Test func itsFixedAsksOnceThenThanks() throws {
    let asked = reader.pressing(.enter, .tab, .enter)
    guard case .feedback(let feedback) = asked.screen else {
      Issue.record("expected the vote, got \(asked.screen)")
      return
    }
    #expect(feedback.reason == .fixed)
    let (voted, effects) = update(asked, .key(.enter))
    #expect(effects == [.recordVote(articleID: "locked", helpful: true)])
    guard case .thanks = voted.screen else {
      Issue.record("expected thanks, got \(voted.screen)")
      return
    }
    // Back on the checklist, the same article does not ask again in this session.
    let again = voted.pressing(.escape)
    #expect(checklist(again) != nil, "going back skips the answered question")
    guard case .thanks = again.pressing(.enter).screen else {
      Issue.record("expected thanks without a second question")
      return
    }
    #expect(voted.pressing(.enter).screen == .home(MenuState()), "Home")
  }

  @Test func yAndNAnswerTheQuestion() {
    let asked = reader.pressing(.enter, .tab, .tab, .enter)
    let (voted, effects) = update(asked, .key(.character("n")))
    #expect(effects == [.recordVote(articleID: "locked", helpful: false)])
    guard case .notHelpfulReason = voted.screen else {
      Issue.record("expected What went wrong?, got \(voted.screen)")
      return
    }
  }

  @Test func stillNeedHelpLeadsBackToTheArticleOrHome() {
    let stuck = reader.pressing(.enter, .tab, .tab, .enter, .character("n"), .escape)
    guard case .reader = stuck.pressing(.down, .enter).screen else {
      Issue.record("Back to the article")
      return
    }
    #expect(stuck.pressing(.down, .down, .enter).screen == .home(MenuState()))
    #expect(stuck.pressing(.down, .down, .enter).session.votes["locked"] == false, "Home keeps the session")
  }

  @Test func theFormEditsText() throws {
    var state = reader.pressing(.enter, .tab, .tab, .enter, .character("n"), .escape, .enter)
    #expect(state.screen == .ticketForm)
    state = typing("Jnae", into: state).pressing(.left, .left, .backspace, .right, .delete)
    state = typing("ne", into: state).pressing(.home)
    state = typing("Ms ", into: state).pressing(.end)
    state = typing(" 日本", into: state)
    let name = try #require(state.session.draft?.name)
    #expect(name.text == "Ms Jane 日本")
    #expect(name.cursor == name.characters.count)
  }

  @Test func letterKeysAreTextInTheFormNotCommands() {
    let form = reader.pressing(.enter, .tab, .tab, .enter, .character("n"), .escape, .enter)
    let (typed, effects) = update(typing("qjk?gG b", into: form), .key(.character("q")))
    #expect(effects.isEmpty)
    #expect(typed.session.draft?.name.text == "qjk?gG bq")
    #expect(!typed.isHelpShown)
  }

  @Test func pastedControlsAreStoredClean() {
    let form = reader.pressing(.enter, .tab, .tab, .enter, .character("n"), .escape, .enter)
    var draft = form.session.draft
    draft?.name.insert("Jane\u{1B}]0;pwned\u{07}\u{202E} Citizen\r\nBcc: x")
    #expect(draft?.name.text == "Jane Citizen Bcc: x")
  }

  @Test func aPasteIsTextInTheFocusedFieldAndNothingElse() {
    let form = reader.pressing(.enter, .tab, .tab, .enter, .character("n"), .escape, .enter)
    let pasted = update(form, .paste("Jane\tCitizen\r\n\u{1B}[31mRed")).0
    #expect(pasted.session.draft?.name.text == "Jane Citizen Red", "no Tab or Enter pressed")
    #expect(pasted.session.draft?.focus == .name)
    let description = update(form.pressing(.tab, .tab), .paste("one\r\ntwo")).0
    #expect(description.session.draft?.description.text == "one\ntwo")
    #expect(update(reader, .paste("q")).0 == reader, "ignored outside the form")
  }

  @Test func spaceChoosesAnActionAfterTheSteps() {
    guard case .feedback = reader.pressing(.enter, .tab, .character(" ")).screen else {
      Issue.record("Space on It's fixed asks the question")
      return
    }
  }

  @Test func arrowsMoveBetweenButtonsAndOnlyEnterChooses() {
    let onReview = filledForm.pressing(.tab)
    #expect(onReview.pressing(.right).session.draft?.focus == .cancel)
    #expect(onReview.pressing(.right).screen == .ticketForm, "→ does not press Cancel")
    #expect(onReview.pressing(.right, .left).session.draft?.focus == .review)
    let review = onReview.pressing(.enter)
    guard case .review(let state) = review.pressing(.right).screen else {
      Issue.record("→ on the review does not send")
      return
    }
    #expect(state.selection == 1)
  }

  @Test func fieldsStopAtTheirLimit() {
    var field = TextField(limit: 5)
    field.insert("abcdefgh")
    #expect(field.text == "abcde")
  }

  @Test func reviewNeedsEveryFieldAndAValidContact() throws {
    var form = reader.pressing(.enter, .tab, .tab, .enter, .character("n"), .escape, .enter)
    form = form.pressing(.backTab, .backTab, .enter)  // Review with nothing filled in
    #expect(form.screen == .ticketForm)
    let draft = try #require(form.session.draft)
    #expect(draft.showsErrors)
    #expect(draft.focus == .name)
    #expect(Set(draft.errors.keys) == [.name, .contact, .description])
    var bad = typing("Jane", into: form).pressing(.tab)
    bad = typing("not a contact", into: bad).pressing(.tab)
    bad = typing("Help", into: bad).pressing(.tab, .enter)
    #expect(bad.session.draft?.focus == .contact)
    #expect(bad.session.draft?.errors[.contact]?.contains("e-mail address") == true)
  }

  @Test(arguments: ["jane@example.com", "j.citizen+kiosk@mail.example.org", "1300 521 162", "+61 2 9876 5432", "(02) 9876-5432"])
  func acceptsAnEmailOrAPhone(contact: String) {
    #expect(ContactValidation.isEmail(contact) || ContactValidation.isPhone(contact))
  }

  @Test(arguments: ["jane", "jane@", "@example.com", "jane@example", "jane@@example.com", "123", "call me maybe", "jane@exa mple.com", "<a@b.com>"])
  func refusesOtherContacts(contact: String) {
    #expect(!ContactValidation.isEmail(contact) && !ContactValidation.isPhone(contact))
  }

  @Test func theReviewShowsWhatWillBeSent() throws {
    var state = filledForm
    state.now = Date(timeIntervalSince1970: 1_796_000_000)
    state = state.pressing(.tab, .enter)
    guard case .review(let review) = state.screen else {
      Issue.record("expected the review, got \(state.screen)")
      return
    }
    #expect(review.content == TicketContent(
      name: "Jane Citizen", contact: "jane@example.com",
      description: "It still says my session has expired.", articleID: "locked",
      articleTitle: "Account Locked", stepsTried: ["How to Fix It - Click the login button"],
      stepsNotTried: ["How to Fix It - Enter your credentials"], helpful: false,
      createdAt: Date(timeIntervalSince1970: 1_796_000_000)))
    let text = state.reviewLines(review.content).map { $0.map(\.text).joined() }
    #expect(text.starts(with: [
      "Kiosk: kiosk-1", "Location: Location not set", "Time: Mon, 30 Nov 2026 00:53:20 +0000", "",
      "Name: Jane Citizen", "E-mail: jane@example.com", "", "What happened:",
      "It still says my session has expired.",
    ]))
    #expect(text.contains("- How to Fix It - Click the login button"))
    #expect(text.contains("Was the article helpful: No"))
  }

  @Test func editGoesBackToTheFormWithTheTextKept() {
    let review = filledForm.pressing(.tab, .enter)
    let edited = review.pressing(.tab, .enter)
    #expect(edited.screen == .ticketForm)
    #expect(edited.session.draft?.name.text == "Jane Citizen")
    #expect(review.pressing(.escape).screen == .ticketForm)
  }

  @Test func cancelDropsTheDraft() {
    let cancelled = filledForm.pressing(.tab, .enter, .tab, .tab, .enter)
    guard case .stillNeedHelp = cancelled.screen else {
      Issue.record("expected Still need help, got \(cancelled.screen)")
      return
    }
    #expect(cancelled.session.draft == nil)
  }

  @Test func sendSubmitsThenConfirmsAndForgetsThePerson() throws {
    let review = filledForm.pressing(.tab, .enter)
    let (sending, effects) = update(review, .key(.enter))
    guard case .review(let state) = sending.screen, case .submitTicket(let content)? = effects.first else {
      Issue.record("expected a submit, got \(effects)")
      return
    }
    #expect(state.isSending)
    #expect(content.name == "Jane Citizen")
    #expect(sending.pressing(.enter, .escape).screen == sending.screen, "keys wait while saving")

    let (confirmed, timers) = update(sending, .ticketSaved(reference: "NLM-7K3Q-29"))
    #expect(confirmed.screen == .confirmation(reference: "NLM-7K3Q-29", isSettled: false))
    #expect(
      timers == [
        .startTimer(.confirmationSettled, seconds: 2), .startTimer(.confirmation, seconds: 30),
        .makeCode("mailto:helpdesk@netlumait.com.au?subject=Ticket%20NLM-7K3Q-29"),
      ])
    #expect(confirmed.session == Session(), "ticks, votes and the form are gone")
    #expect(confirmed.history.isEmpty)
    #expect(confirmed.pressing(.enter).screen == confirmed.screen, "a second Enter on Send does not skip it")
    let settled = update(confirmed, .timer(.confirmationSettled)).0
    #expect(settled.pressing(.character("x")).screen == .home(MenuState()))
    #expect(update(confirmed, .timer(.confirmation)).0.screen == .home(MenuState()))
  }

  @Test func aFailedSaveKeepsEverythingAndSaysWhy() {
    let sending = update(filledForm.pressing(.tab, .enter), .key(.enter)).0
    let failed = update(sending, .ticketFailed(reason: "Your ticket could not be saved.")).0
    guard case .review(let review) = failed.screen else {
      Issue.record("expected the review")
      return
    }
    #expect(!review.isSending)
    #expect(review.error == "Your ticket could not be saved.")
    #expect(failed.session.draft?.name.text == "Jane Citizen")
  }

  @Test func aLateTimerDoesNothingElsewhere() {
    #expect(update(reader, .timer(.confirmation)).0 == reader)
  }
}

@Suite struct TextFieldTests {
  @Test func wrapsAtSpacesAndBreaksLongWords() {
    let field = TextField("one two three fourfivesixseven", limit: 100, isMultiline: true)
    let lines = field.lines(width: 8).map { String(field.characters[$0]) }
    #expect(lines == ["one two ", "three ", "fourfive", "sixseven"])
  }

  @Test func newlinesEndLines() {
    let field = TextField("a\n\nb", limit: 100, isMultiline: true)
    #expect(field.lines(width: 10).map { String(field.characters[$0]) } == ["a", "", "b"])
  }

  @Test func upAndDownKeepTheColumn() {
    var field = TextField("abcdef\nxy\nlonger line", limit: 100, isMultiline: true)
    field.move(to: 4)
    var moved = field.moveLine(by: 1, width: 20)
    #expect(moved && field.cursor == 9, "end of the short line")
    moved = field.moveLine(by: 1, width: 20)
    #expect(moved && field.cursor == 12, "column 2 of the third line")
    moved = field.moveLine(by: 1, width: 20)
    #expect(!moved, "no line below the last")
  }

  @Test func wideCharactersCountTwoColumns() {
    let field = TextField("日本語", limit: 10)
    #expect(field.cursorPlace(width: 20).column == 6)
  }

  @Test func homeAndEndStayOnTheWrappedLine() {
    var field = TextField("one two three", limit: 100, isMultiline: true)
    field.move(to: 9)
    field.moveToLineEdge(end: false, width: 8)
    #expect(field.cursor == 8)
    field.move(to: 1)
    field.moveToLineEdge(end: true, width: 8)
    #expect(field.cursor == 7, "before the space that wrapped")
  }
}

/// "Are you still there?": the idle countdown and the end of a session.
@Suite struct IdleExpiryTests {
  let form: AppState = {
    var state = Fixtures.state(idleTimeout: 120).pressing(.enter, .enter, .enter, .character(" "))
    state = state.pressing(.tab, .tab, .enter, .character("n"), .escape, .enter)
    return "Jane".reduce(state) { update($0, .key(.character($1))).0 }
  }()

  @Test func everyKeyRestartsTheIdleTimer() {
    let (_, effects) = update(form, .key(.left))
    #expect(effects == [.startTimer(.idle, seconds: 120)])
    let (_, none) = update(Fixtures.state(), .key(.down))
    #expect(none.isEmpty, "0 turns the idle timer off")
  }

  @Test func theCountdownEndsTheSessionAndWipesEverything() {
    let (warned, effects) = update(form, .timer(.idle))
    #expect(warned.idleCountdown == 30)
    #expect(effects == [.startTimer(.idleTick, seconds: 1)])
    var state = warned
    var last: [Effect] = []
    for _ in 0..<30 { (state, last) = update(state, .timer(.idleTick)) }
    #expect(last == [.recordOutcome(.session), .wipeScreen], "the visit is counted, then the screen wiped")
    #expect(state.screen == .home(MenuState()))
    #expect(state.session == Session(), "no ticks, no vote, no form")
    #expect(state.history.isEmpty)
    #expect(state.idleCountdown == nil)
  }

  @Test func aKeyDuringTheCountdownContinuesWhereThePersonWas() {
    var (state, _) = update(form, .timer(.idle))
    (state, _) = update(state, .timer(.idleTick))
    let (resumed, effects) = update(state, .key(.character("x")))
    #expect(resumed.idleCountdown == nil)
    #expect(resumed.screen == .ticketForm)
    #expect(resumed.session.draft?.name.text == "Jane", "the key only ends the countdown")
    #expect(effects == [.startTimer(.idle, seconds: 120)])
  }

  @Test func anUntouchedHomeNeedsNoCountdown() {
    let home = Fixtures.state(idleTimeout: 120)
    #expect(update(home, .timer(.idle)).0.idleCountdown == nil)
  }

  @Test func aFirstNoAsksWhatWentWrongAndTheReasonReachesTheTicket() throws {
    let checklist = Fixtures.state().pressing(.enter, .enter, .enter)
    let (asked, voted) = update(checklist.pressing(.tab, .tab), .key(.enter))
    #expect(voted.isEmpty)
    let (reasonScreen, effects) = update(asked, .key(.character("n")))
    #expect(effects == [.recordVote(articleID: "locked", helpful: false)])
    guard case .notHelpfulReason(let reason) = reasonScreen.screen else {
      Issue.record("expected What went wrong?, got \(reasonScreen.screen)")
      return
    }
    #expect(reason.article.id == "locked")
    #expect(AppState.reasonButtons == [
      "The steps did not work", "It was hard to follow", "It is out of date", "It is not my problem", "Skip",
    ])
    // Down, Enter: "It was hard to follow", stored with the article only, and on to Still need help.
    let (stuck, recorded) = update(reasonScreen.pressing(.down), .key(.enter))
    #expect(recorded == [.recordReason(articleID: "locked", reason: .hardToFollow)])
    guard case .stillNeedHelp = stuck.screen else {
      Issue.record("expected Still need help?, got \(stuck.screen)")
      return
    }
    // The ticket says why.
    var review = stuck.pressing(.enter)
    review = "Jo".reduce(review) { $0.pressing(.character($1)) }.pressing(.tab)
    review = "jo@example.org".reduce(review) { $0.pressing(.character($1)) }.pressing(.tab)
    review = "Still stuck.".reduce(review) { $0.pressing(.character($1)) }.pressing(.tab, .enter)
    guard case .review(let state) = review.screen else {
      Issue.record("expected the review, got \(review.screen)")
      return
    }
    #expect(state.content.reason == .hardToFollow)
    #expect(review.reviewLines(state.content).map { $0.map(\.text).joined() }.contains("What went wrong: It was hard to follow"))
  }

  @Test func skippingCostsOneKeyAndAskingHappensOnce() throws {
    let asked = Fixtures.state().pressing(.enter, .enter, .enter, .tab, .tab, .enter, .character("n"))
    let (skipped, effects) = update(asked, .key(.escape))
    #expect(effects.isEmpty, "nothing stored for Skip")
    guard case .stillNeedHelp = skipped.screen else {
      Issue.record("Esc skips to Still need help?, got \(skipped.screen)")
      return
    }
    #expect(skipped.session.reasons.isEmpty)
    let viaSkip = update(asked.pressing(.end), .key(.enter))
    #expect(viaSkip.1.isEmpty)
    // A second "No" on the same article goes straight on.
    // Back on the checklist, its selection still on "I still need help".
    var again = skipped.pressing(.escape, .enter)
    if case .feedback = again.screen { again = again.pressing(.character("n")) }
    guard case .stillNeedHelp = again.screen else {
      Issue.record("no second question, got \(again.screen)")
      return
    }
  }

  @Test func itsFixedCountsOnceAndAVisitIsCountedWhenItEnds() throws {
    let checklist = Fixtures.state(idleTimeout: 60).pressing(.enter, .enter, .enter)
    let (fixed, effects) = update(checklist.pressing(.tab), .key(.enter))
    #expect(effects.contains(.recordOutcome(.fixed(articleID: "locked"))))
    // Back to the steps and "It's fixed" again: not counted twice.
    let again = update(fixed.pressing(.escape, .escape).pressing(.tab), .key(.enter))
    #expect(!again.1.contains(.recordOutcome(.fixed(articleID: "locked"))))
    // The visit ends after the idle countdown: counted once.
    var idle = update(fixed, .timer(.idle)).0
    var ended: [Effect] = []
    for _ in 0..<idle.settings.idleWarning {
      let (next, effects) = update(idle, .timer(.idleTick))
      idle = next
      ended += effects
    }
    #expect(ended.filter { $0 == .recordOutcome(.session) }.count == 1)
    // An untouched Home is no visit.
    let untouched = Fixtures.state(idleTimeout: 60)
    #expect(update(untouched, .timer(.idle)).1.isEmpty)
  }
}
