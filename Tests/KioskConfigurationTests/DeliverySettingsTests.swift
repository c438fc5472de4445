import Foundation
import KioskCore
import KioskOutbox
import Testing

@testable import KioskConfiguration

/// The delivery keys: `transport`, `sendmail`, `retry`, `retention`, `state_dir`.
@Suite struct DeliverySettingsTests {
  private func load(_ text: String) throws -> Configuration { try ConfigurationText.load(text) }
  private func failure(_ text: String) -> String? { ConfigurationText.failure(text) }

  @Test func aSendmailTransportIsRead() throws {
    let configuration = try load(
      """
      kiosk_id: library-2
      sender: kiosk-library-2@netlumait.com.au
      transport: sendmail
      sendmail:
        program: /usr/bin/msmtp
        arguments: ["-C", "/etc/helpdesk-kiosk/msmtprc", --tls-trust-file=/etc/ssl/certs/ca-certificates.crt]
        time_limit: 2m
      retry:
        first_delay: 10m
        maximum_delay: 2h
        give_up_after: 3d
      retention: 14d
      state_dir: /var/lib/helpdesk-kiosk
      """)
    #expect(
      configuration.transport
        == .sendmail(
          SendmailSetting(
            program: "/usr/bin/msmtp",
            arguments: [
              "-C", "/etc/helpdesk-kiosk/msmtprc", "--tls-trust-file=/etc/ssl/certs/ca-certificates.crt",
            ],
            timeLimit: 120)))
    #expect(configuration.retry == RetryPolicy(firstDelay: 600, maximumDelay: 7_200, lifetime: 3 * 86_400))
    #expect(configuration.retention == 14 * 86_400)
    #expect(configuration.stateDirectory == "/var/lib/helpdesk-kiosk")

    let transport = try #require(
      try configuration.makeTransport(spoolFolder: URL(fileURLWithPath: "/tmp/spool")) as? SendmailTransport)
    #expect(
      transport.commandLine == [
        "/usr/bin/msmtp", "-C", "/etc/helpdesk-kiosk/msmtprc",
        "--tls-trust-file=/etc/ssl/certs/ca-certificates.crt", "-f", "kiosk-library-2@netlumait.com.au", "-i", "--",
        "helpdesk@netlumait.com.au",
      ])
    #expect(transport.timeLimit == 120)
  }

  @Test func theDefaultsAreTheSpoolAndAnMTAsSchedule() throws {
    let configuration = try load("kiosk_id: a\n")
    #expect(configuration.transport == .spool)
    #expect(configuration.retry == .standard)
    #expect(configuration.retention == 30 * 86_400)
    #expect(configuration.stateDirectory == nil)
    let spool = URL(fileURLWithPath: "/tmp/spool")
    #expect((try configuration.makeTransport(spoolFolder: spool) as? SpoolTransport)?.folder == spool)
    // A sendmail section is allowed while the spool is in use; it is not used.
    #expect(try load("sendmail:\n  program: /usr/bin/msmtp\n").transport == .spool)
  }

  @Test(arguments: ["300", "300s", "5m", "5 minutes", "0.083333h"])
  func timesTakeUnits(text: String) throws {
    let seconds = try #require(DeliverySettingsReader.seconds(in: text))
    #expect(abs(seconds - 300) < 0.01)
  }

  @Test(
    "A time: 1 to 9 digits, a point and 1 to 6 more, spaces, a unit in any case; nothing else",
    arguments: [
      ("0", 0), ("7", 7), ("90s", 90), ("90 s", 90), ("90   SECONDS", 90), ("1.5h", 5_400), ("1.5 Hours", 5_400),
      ("2d", 172_800), ("30 days", 2_592_000), ("5 ", 5), ("123456789", 123_456_789), ("0.000001", 0.000001),
      ("1.123456m", 67.40736), ("10Min", 600),
    ] as [(String, TimeInterval)])
  func timesRead(text: String, seconds: TimeInterval) {
    #expect(DeliverySettingsReader.seconds(in: text).map { abs($0 - seconds) < 1e-9 } == true, "\(text)")
  }

  @Test(
    "Not a time",
    arguments: [
      "", " ", "s", "soon", "1.", ".5", "1.1234567", "1234567890", "-5", "+5", " 5", "5s ", "5 s s", "5x",
      "5 weeks", "1,5h", "5m30s", "٣", "５", "5\u{212A}", "1e3", "0x10", "5\t", "5\n",
    ])
  func notTimes(text: String) {
    #expect(DeliverySettingsReader.seconds(in: text) == nil, "\(text)")
  }

  @Test(arguments: [
    ("transport: smtp\n", "1: 'transport' must be spool or sendmail, not 'smtp'"),
    ("sender: k@example.org\ntransport: sendmail\n",
     "2: 'transport: sendmail' needs 'sendmail.program', the mail program's absolute path"),
    ("transport: sendmail\nsendmail:\n  program: /usr/bin/msmtp\n",
     "1: 'transport: sendmail' needs 'sender', the address the kiosk's mail comes from"),
    ("sendmail:\n  program: msmtp\n", "2: 'sendmail.program' must be an absolute path, such as /usr/bin/msmtp, not 'msmtp'"),
    ("sendmail:\n  program: /usr/bin/msmtp\n  arguments: -C /etc/msmtprc\n",
     "3: 'sendmail.arguments' must be a list, such as [\"-C\", \"/etc/helpdesk-kiosk/msmtprc\"]"),
    ("sendmail:\n  program: /usr/sbin/sendmail\n  arguments:\n    - -oi\n    - -t\n",
     "5: 'sendmail.arguments': -t would take the recipients from the message; it is never used"),
    ("sendmail:\n  program: /usr/sbin/sendmail\n  arguments: [\"--\"]\n",
     "3: 'sendmail.arguments': \"--\" is added by the kiosk before the recipient; leave it out"),
    ("sendmail:\n  program: /usr/bin/msmtp\n  timeout: 5\n",
     "3: unknown key 'sendmail.timeout' (known in 'sendmail': program, arguments, time_limit)"),
    ("sendmail:\n  time_limit: 0\n", "2: 'sendmail.time_limit' must be from 1 to 3600 seconds, not '0'"),
    ("sendmail: /usr/bin/msmtp\n", "1: 'sendmail' must hold keys: program, arguments, time_limit"),
    ("kiosk_id: a\nretry:\n  first_delay: soon\n",
     "3: 'retry.first_delay' must be a time such as 300, 90s, 5m, 2h or 5d, not 'soon'"),
    ("retry:\n  first_delay: 1h\n  maximum_delay: 5m\n", "3: 'retry.maximum_delay' must not be shorter than 'retry.first_delay'"),
    ("retry:\n  first_delay: 2d\n", "2: 'retry.maximum_delay' must not be shorter than 'retry.first_delay'"),
    ("retry:\n  maximum_delay: 2d\n  give_up_after: 1m\n",
     "3: 'retry.give_up_after' must not be shorter than 'retry.first_delay'"),
    ("retention: forever\n", "1: 'retention' must be a time such as 300, 90s, 5m, 2h or 5d, not 'forever'"),
    ("state_dir: var/lib/kiosk\n", "1: 'state_dir' must be an absolute path, not 'var/lib/kiosk'"),
  ])
  func aBadDeliverySettingNamesTheKeyAndLine(text: String, expected: String) {
    let message = failure(text)
    #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
  }
}
