/// Where the app hands a key, an action, a click or a new size to the screen shown: one
/// line per screen, each calling the screen's own code in `Screens/`. A screen that keeps
/// to itself (`OwnScreen`) needs no line here beyond `.own`.
extension AppState {
  /// The table of the screen shown now, with the keys every screen shares: which keys it
  /// takes, what they do, and what its footer and its help overlay say. `press`
  /// dispatches through it and the screens draw their hints from it, so a key cannot be
  /// offered without working, nor work unoffered by accident.
  public var bindings: BindingTable {
    let keys = SharedKeys(self)
    switch screen {
    case .home: return homeBindings(keys)
    case .articles: return articlesBindings(keys)
    case .reader(let reader): return readerBindings(reader, keys)
    case .contents: return contentsBindings(keys)
    case .takeAway: return takeAwayBindings(keys)
    case .search: return searchBindings(keys)
    case .checklist(let checklist): return checklistBindings(checklist, keys)
    case .feedback: return feedbackBindings(keys)
    case .notHelpfulReason: return reasonBindings(keys)
    case .thanks: return thanksBindings(keys)
    case .stillNeedHelp: return stillNeedHelpBindings(keys)
    case .ticketForm: return formBindings(keys)
    case .review(let review): return reviewBindings(review, keys)
    case .confirmation(_, let isSettled): return confirmationBindings(isSettled, keys)
    case .adminPin(let pin): return pinBindings(pin, keys)
    case .admin: return adminBindings(keys)
    case .own(let own): return own.bindings(keys)
    }
  }

  /// A key the focused text field takes: typed text, Backspace, ← →. Nil when the key is
  /// not for a field, and the binding table has it.
  mutating func type(_ key: Key) -> [Effect]? {
    switch screen {
    case .home: return typeOnHome(key)
    case .search(let search): return typeInSearch(key, search)
    case .reader(let reader): return typeWordsToFind(key, reader)
    case .ticketForm: return typeInForm(key)
    case .adminPin(let pin): return typePin(key, pin)
    default: return nil
    }
  }

  /// Enter: what the screen's selection or focus does.
  mutating func activate() -> [Effect] {
    switch screen {
    case .home(let menu): return activateHome(menu)
    case .articles(let category, let menu): return activateList(category, menu)
    case .reader(let reader): return activateReader(reader)
    case .checklist(let checklist): return activateChecklist(checklist)
    case .feedback(let feedback): return activateFeedback(feedback)
    case .thanks(let choice): chooseAfterThanks(choice)
    case .stillNeedHelp(let choice): return chooseWhenStuck(choice)
    case .notHelpfulReason(let reason): return chooseReason(reason)
    case .review(let review): return chooseOnReview(review)
    case .admin(let admin): return chooseOnAdmin(admin)
    case .contents(let contents): jump(contents)
    case .takeAway: goBack()
    case .ticketForm: activateForm()
    case .adminPin(let pin): return checkPin(pin)
    case .search(let search): return openHit(search)
    case .confirmation: return endSession()
    case .own: return performOnOwnScreen(.activate) ?? []
    }
    return []
  }

  /// ↑ ↓, the page keys, Home and End.
  mutating func move(_ action: Action) {
    switch screen {
    case .home(let menu): moveOnHome(action, menu)
    case .articles(let category, let menu): moveInList(action, category, menu)
    case .reader(let reader): moveInReader(action, reader)
    case .contents(let contents): moveInContents(action, contents)
    case .checklist(let checklist): moveOnChecklist(action, checklist)
    case .feedback(let feedback): moveOnFeedback(action, feedback)
    case .thanks(let choice): moveOnThanks(action, choice)
    case .notHelpfulReason(let reason): moveOnReason(action, reason)
    case .stillNeedHelp(let choice): moveOnStuck(action, choice)
    case .review(let review): moveOnReview(action, review)
    case .admin(let admin): moveOnAdmin(action, admin)
    case .search(let search): moveOnSearch(action, search)
    case .ticketForm:
      // ↑ ↓ move between the form's fields and buttons.
      if action == .moveUp || action == .moveDown { moveFocus(action == .moveUp ? -1 : 1) }
    case .confirmation, .adminPin, .takeAway, .own:
      // Nothing to move, or the own screen has moved itself (`performOnOwnScreen`).
      break
    }
  }

  /// Tab and Shift-Tab: between the steps and the two actions at the end, the fields and
  /// buttons of the form, the buttons of the review; elsewhere a move down or up.
  mutating func cycle(forward: Bool) {
    switch screen {
    case .checklist(let checklist): cycleChecklist(forward: forward, checklist)
    case .review(let review): moveBetweenReviewButtons(forward: forward, wrapping: true, review)
    case .ticketForm: moveFocus(forward ? 1 : -1)
    default: move(forward ? .moveDown : .moveUp)
    }
  }

  /// ← → between the buttons of a row; only Enter chooses.
  mutating func moveBetweenButtons(forward: Bool) {
    switch screen {
    case .review(let review): moveBetweenReviewButtons(forward: forward, wrapping: false, review)
    case .ticketForm: moveBetweenFormButtons(forward: forward)
    default: break
    }
  }

  /// Re-lays the current screen for a new size, keeping the selection and the reader's place.
  mutating func resize(to newSize: Size) {
    size = newSize
    switch screen {
    case .home(let menu): resizeHome(menu)
    case .articles(let category, let menu): resizeList(category, menu)
    case .reader(let reader): resizeReader(reader)
    case .contents(let contents): resizeContents(contents)
    case .search(let search): resizeSearch(search)
    case .checklist(let checklist): resizeChecklist(checklist)
    case .review(let review): resizeReview(review)
    case .own(var own):
      own.resize(to: newSize)
      screen = .own(own)
    default:
      break
    }
  }

  /// A click opens the entry under it on Home and in a list; the wheel scrolls the reader
  /// and the review by three lines and moves the selection elsewhere.
  mutating func click(_ mouse: MouseEvent) -> [Effect] {
    guard !isHelpShown, !Geometry.isTooSmall(size) else {
      if mouse.kind == .press { isHelpShown = false }
      return []
    }
    switch mouse.kind {
    case .wheelUp, .wheelDown:
      let step = mouse.kind == .wheelUp ? -3 : 3
      switch screen {
      case .reader(let reader): scrollReader(to: reader.top + step, reader)
      case .review(let review): scrollReview(to: review.top + step, review)
      default: move(step < 0 ? .moveUp : .moveDown)
      }
      return []
    case .press:
      let row = mouse.row - Geometry.headerHeight
      guard row >= 0 else { return [] }
      switch screen {
      case .home(let menu): return clickOnHome(row: row, menu)
      case .articles(let category, let menu): return clickOnList(row: row, category, menu)
      default: return []
      }
    }
  }

  /// The key table for the current screen: in a text field printable keys are text.
  public var keyContext: KeyContext {
    switch screen {
    case .reader(let reader) where reader.find?.isEditing == true: .text
    case .reader, .review: .reader
    case .search: .text
    case .checklist: .checklist
    case .adminPin: .text
    case .ticketForm: session.draft?.focus.isTextField == true ? .text : .menu
    default: .menu
    }
  }
}
