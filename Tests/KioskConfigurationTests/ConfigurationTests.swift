import Foundation
import KioskCore
import Testing

@testable import KioskConfiguration

@Suite struct ConfigurationTests {
  private func load(_ text: String) throws -> Configuration { try ConfigurationText.load(text) }
  private func failure(_ text: String) -> String? { ConfigurationText.failure(text) }

  @Test func everyKeyIsRead() throws {
    let configuration = try load("""
      kiosk_id: library-2
      location: Library, level 2
      organisation: Netluma IT
      helpdesk_email: desk@example.org
      helpdesk_phone: 02 9876 5432
      sender: kiosk@example.org
      idle_timeout: 90
      idle_countdown: 15
      admin_key: F10
      admin_pin_hash: '$y$j9T$abc$def'
      log_level: warning
      theme: high-contrast
      plain: true
      """)
    #expect(configuration.identity == KioskIdentity(
      id: "library-2", location: "Library, level 2", senderAddress: "kiosk@example.org",
      contact: Contact(email: "desk@example.org", phone: "02 9876 5432")))
    #expect(configuration.organisation == "Netluma IT")
    #expect(configuration.idleTimeout == 90)
    #expect(configuration.idleCountdown == 15)
    #expect(configuration.adminKey == .function(10))
    #expect(configuration.adminPinHash == "$y$j9T$abc$def")
    #expect(configuration.logLevel == .warning)
    #expect(configuration.theme == .highContrast)
    #expect(configuration.isPlain)
  }

  @Test(arguments: Theme.allCases) func everyThemeIsNamed(theme: Theme) throws {
    #expect(try load("theme: \(theme.rawValue)\n").theme == theme)
  }

  @Test func theLogLevelIsInfoUnlessSet() throws {
    #expect(Configuration().logLevel == .info)
    #expect(try load("log_level: debug\n").logLevel == .debug)
    #expect(try load("log_level: Error\n").logLevel == .error)
  }

  @Test func anEmptyFileKeepsTheDefaults() throws {
    #expect(try load("") == Configuration())
    #expect(try load("# only a comment\n") == Configuration())
  }

  @Test(arguments: [
    ("kiosk_id: a\ncolour: red\n", "2: unknown key 'colour'"),
    ("idle_timeout: soon\n", "1: 'idle_timeout' must be a whole number from 0 to 86400, not 'soon'"),
    ("location: x\nidle_countdown: 0\n", "2: 'idle_countdown' must be a whole number from 1 to 600, not '0'"),
    ("helpdesk_email: not an address\n", "1: 'helpdesk_email' must be an e-mail address, not 'not an address'"),
    ("helpdesk_phone: call us\n", "1: 'helpdesk_phone' must be a phone number, not 'call us'"),
    ("admin_key: F13\n", "1: 'admin_key' must be one of F1 to F12, not 'F13'"),
    ("admin_pin_hash: 1234\n", "1: 'admin_pin_hash' is not a hash made by 'helpdesk-kiosk admin set-pin'"),
    ("kiosk_id: a\ntheme: dark\n", "2: 'theme' must be one of standard, high-contrast, monochrome, not 'dark'"),
    ("theme:\n  - standard\n", "1: 'theme' must be a single value"),
    ("plain: yes please\n", "1: 'plain' must be true or false, not 'yes please'"),
    ("location:\n  - a\n", "1: 'location' must be a single value"),
    ("log_level: loud\n", "1: 'log_level' must be one of debug, info, notice, warning, error, not 'loud'"),
    ("kiosk_id: a\nlog_level: trace\n", "2: 'log_level' must be one of debug, info, notice, warning, error, not 'trace'"),
    ("- a\n- b\n", "1: must be 'key: value' lines"),
    ("kiosk_id: 'unterminated\nlocation: x\n", "1: is not valid YAML"),
    ("kiosk_id: a\nkiosk_id: b\n", "1: 'kiosk_id' is given twice: keep one"),
  ])
  func aBadFileNamesTheKeyAndLine(text: String, expected: String) {
    let message = failure(text)
    #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
  }

  @Test func escapeSequencesInTheFileNeverReachTheMessage() {
    let error = ConfigurationError(file: "c.yaml", line: 3, message: "bad '\u{1B}]0;x\u{07}'")
    #expect(error.description == "c.yaml:3: bad ''")
  }

  @Test func articleURLIsAWebAddressWithTheIdInIt() throws {
    let good = try load("article_url: https://help.example.com/articles/{id}\n")
    #expect(good.articleURL == "https://help.example.com/articles/{id}")
    for bad in ["https://help.example.com/articles/", "ftp://help.example.com/{id}", "help/{id}"] {
      #expect(
        failure("article_url: \(bad)\n")
          == "1: 'article_url' must be an http or https address with {id} in it, not '\(bad)'")
    }
  }

  @Test func aKeyGivenTwiceIsNamed() {
    #expect(failure("kiosk_id: a\nidle_timeout: 5\nidle_timeout: 6\n") == "2: 'idle_timeout' is given twice: keep one")
  }
}
