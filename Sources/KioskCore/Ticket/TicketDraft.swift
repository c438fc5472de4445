/// The parts of the ticket form that take focus, in Tab order.
public enum FormFocus: Int, Hashable, Sendable, CaseIterable {
  case name, contact, description, review, cancel

  public var isTextField: Bool { rawValue <= FormFocus.description.rawValue }
}

/// A ticket as the person writes it.
public struct TicketDraft: Hashable, Sendable {
  public static let nameLimit = 80
  public static let contactLimit = 120
  public static let descriptionLimit = 2_000

  public var article: Article
  public var name = TextField(limit: nameLimit)
  public var contact = TextField(limit: contactLimit)
  public var description = TextField(limit: descriptionLimit, isMultiline: true)
  public var focus = FormFocus.name
  /// Errors are shown once the person has asked to review the ticket.
  public var showsErrors = false

  public init(article: Article) {
    self.article = article
  }

  public subscript(field: FormFocus) -> TextField? {
    get {
      switch field {
      case .name: name
      case .contact: contact
      case .description: description
      case .review, .cancel: nil
      }
    }
    set {
      guard let newValue else { return }
      switch field {
      case .name: name = newValue
      case .contact: contact = newValue
      case .description: description = newValue
      case .review, .cancel: break
      }
    }
  }

  /// What is wrong with each field, in plain words.
  public var errors: [FormFocus: String] {
    var errors: [FormFocus: String] = [:]
    if name.trimmed.isEmpty { errors[.name] = "Please enter your name." }
    let contact = contact.trimmed
    if contact.isEmpty {
      errors[.contact] = "Please enter an e-mail address or a phone number."
    } else if !ContactValidation.isEmail(contact) && !ContactValidation.isPhone(contact) {
      errors[.contact] = "Enter an e-mail address (name@example.com) or a phone number (0412 345 678)."
    }
    if description.trimmed.isEmpty { errors[.description] = "Please tell us what happened." }
    return errors
  }
}
