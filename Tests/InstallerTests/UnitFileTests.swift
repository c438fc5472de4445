import Foundation
import KioskTestSupport
import Testing

/// The systemd units as installed: `systemd-analyze verify` accepts them (it reads unit
/// files offline, without systemd running), they hold what the kiosk on tty1 needs, and
/// their command lines work with the installed program.
@Suite("systemd units", .timeLimit(.minutes(2)))
struct UnitFileTests {
  /// `systemd-analyze verify` of units; its findings (warnings included) or nil when clean.
  /// The units' program must exist, so they are verified pointing at `program`.
  private func verify(_ units: [String: String], program: String, in root: ThrowawayRoot) throws -> String? {
    let folder = root.file("verify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var paths: [String] = []
    for (name, text) in units.sorted(by: { $0.key < $1.key }) {
      let path = "\(folder)/\(name)"
      try text.replacingOccurrences(of: "/usr/local/bin/helpdesk-kiosk", with: program)
        .write(toFile: path, atomically: true, encoding: .utf8)
      paths.append(path)
    }
    let result = try Runner.run(try Runner.systemdAnalyze(), ["verify"] + paths, environment: ["SYSTEMD_LOG_COLOR": "0"])
    return result.status == 0 && result.stderr.isEmpty && result.stdout.isEmpty ? nil : "\(result)"
  }

  private func installedUnits(_ root: ThrowawayRoot) throws -> [String: String] {
    var units: [String: String] = [:]
    for name in ThrowawayRoot.unitNames { units[name] = try root.text("usr/local/lib/systemd/system/\(name)") }
    return units
  }

  /// The settings of a unit as `Key=value` lines (comments and sections left out); a key
  /// set twice gives both values, in order.
  private func settings(_ unit: String) -> [String: [String]] {
    var settings: [String: [String]] = [:]
    for line in unit.components(separatedBy: "\n") where !line.hasPrefix("#") && !line.hasPrefix("[") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      settings[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
    }
    return settings
  }

  @Test("systemd-analyze verify accepts the installed units, with no warning")
  func verifyInstalled() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let findings = try verify(try installedUnits(root), program: root.program, in: root)
    #expect(findings == nil, "\(findings ?? "")")
  }

  @Test("the check catches a unit that systemd would not take as written")
  func verifyCatchesMistakes() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    var units = try installedUnits(root)
    let kiosk = try #require(units["helpdesk-kiosk.service"])
    units["helpdesk-kiosk.service"] = kiosk.replacingOccurrences(of: "TTYReset=yes", with: "TTYRest=yes")
    let misspelt = try #require(try verify(units, program: root.program, in: root))
    #expect(misspelt.contains("Unknown key 'TTYRest'"))
    let missingProgram = try verify(try installedUnits(root), program: root.file("nowhere/helpdesk-kiosk"), in: root)
    #expect(missingProgram?.contains("is not executable") == true)
  }

  @Test("the kiosk's unit: tty1 only for the kiosk, errors to the journal, back after any end, sandboxed")
  func kioskUnit() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let unit = settings(try root.text("usr/local/lib/systemd/system/helpdesk-kiosk.service"))
    let expected: [String: String] = [
      "ExecStart":
        "/usr/local/bin/helpdesk-kiosk run --config /etc/helpdesk-kiosk/config.yaml --state-dir /var/lib/helpdesk-kiosk",
      "User": "kiosk", "TTYPath": "/dev/tty1", "StandardInput": "tty", "StandardOutput": "tty",
      "StandardError": "journal", "TTYReset": "yes", "TTYVHangup": "yes", "TTYVTDisallocate": "yes",
      "Conflicts": "getty@tty1.service", "Restart": "always", "RestartSec": "2",
      "Environment": "TERM=linux LANG=C.UTF-8", "StateDirectory": "helpdesk-kiosk", "StateDirectoryMode": "0700",
      "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
      "WantedBy": "multi-user.target",
    ]
    for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
      #expect(unit[key] == [value], "\(key)")
    }
    // Settings that would hide the console from the kiosk.
    for key in ["PrivateDevices", "DevicePolicy", "DeviceAllow", "ProtectClock"] {
      #expect(unit[key] == nil, "\(key) would keep the kiosk from its console")
    }
  }

  @Test("delivery: a oneshot `outbox deliver` as the kiosk user, every 5 minutes, catching up after a stop")
  func deliveryUnits() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let service = settings(try root.text("usr/local/lib/systemd/system/helpdesk-kiosk-deliver.service"))
    #expect(service["Type"] == ["oneshot"])
    #expect(service["User"] == ["kiosk"])
    #expect(
      service["ExecStart"] == [
        "/usr/local/bin/helpdesk-kiosk outbox deliver --config /etc/helpdesk-kiosk/config.yaml --state-dir /var/lib/helpdesk-kiosk"
      ])
    #expect(service["StateDirectory"] == ["helpdesk-kiosk"])
    let timer = settings(try root.text("usr/local/lib/systemd/system/helpdesk-kiosk-deliver.timer"))
    #expect(timer["OnCalendar"] == ["*:0/5"])
    #expect(timer["Persistent"] == ["true"])
    #expect(timer["WantedBy"] == ["timers.target"])
  }

  @Test("metrics: made as the kiosk user every minute, put whole into node_exporter's textfile folder by root")
  func metricsUnits() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let service = settings(try root.text("usr/local/lib/systemd/system/helpdesk-kiosk-metrics.service"))
    #expect(service["Type"] == ["oneshot"])
    #expect(service["User"] == ["kiosk"])
    #expect(service["RuntimeDirectory"] == ["helpdesk-kiosk-metrics"])
    #expect(service["ConditionPathIsDirectory"] == ["/var/lib/prometheus/node-exporter"])
    #expect(
      service["ExecStart"] == [
        "/usr/local/bin/helpdesk-kiosk metrics --config /etc/helpdesk-kiosk/config.yaml --state-dir /var/lib/helpdesk-kiosk "
          + "--output /run/helpdesk-kiosk-metrics/helpdesk-kiosk.prom"
      ])
    // Root (`+`) writes the file beside its place, reading it as the kiosk user (never
    // through a link the kiosk user put there), then renames it over the old one.
    #expect(
      service["ExecStartPost"] == [
        "+/bin/sh -ec 'runuser -u kiosk -- cat /run/helpdesk-kiosk-metrics/helpdesk-kiosk.prom "
          + "> /var/lib/prometheus/node-exporter/.helpdesk-kiosk.prom.new; "
          + "chmod 0644 /var/lib/prometheus/node-exporter/.helpdesk-kiosk.prom.new; "
          + "mv -f -T /var/lib/prometheus/node-exporter/.helpdesk-kiosk.prom.new "
          + "/var/lib/prometheus/node-exporter/helpdesk-kiosk.prom'"
      ])
    let timer = settings(try root.text("usr/local/lib/systemd/system/helpdesk-kiosk-metrics.timer"))
    #expect(timer["OnCalendar"] == ["minutely"])
    #expect(timer["WantedBy"] == ["timers.target"])

    // Another textfile folder, given to the installer, is the one the unit names throughout.
    let other = try ThrowawayRoot()
    #expect(try other.install("--textfile-dir", "/srv/prometheus/textfile").status == 0)
    let moved = try other.text("usr/local/lib/systemd/system/helpdesk-kiosk-metrics.service")
    #expect(!moved.contains("/var/lib/prometheus/node-exporter"))
    #expect(moved.components(separatedBy: "/srv/prometheus/textfile").count - 1 == 5)
    #expect(try other.install("--textfile-dir", "relative/folder").status == 64)
    #expect(try other.install("--textfile-dir", "/var/lib/../../etc").status == 64)
    // Another kiosk user reads the file.
    let third = try ThrowawayRoot()
    #expect(try third.install("--user", "helpdesk").status == 0)
    let asOther = try third.text("usr/local/lib/systemd/system/helpdesk-kiosk-metrics.service")
    #expect(asOther.contains("runuser -u helpdesk -- cat") && !asOther.contains("runuser -u kiosk "))
  }

  @Test("a fleet's articles: pulled, checked, and only then the kiosk restarted, at night")
  func articlesUnits() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    let service = try root.text("usr/local/lib/systemd/system/helpdesk-kiosk-articles.service")
    let settings = settings(service)
    #expect(settings["Type"] == ["oneshot"])
    #expect(settings["WorkingDirectory"] == ["/srv/helpdesk-articles"])
    #expect(settings["ConditionPathIsDirectory"] == ["/srv/helpdesk-articles/.git"])
    // The shell command, its continuation lines joined as systemd joins them.
    let command = service.replacingOccurrences(of: "\\\n", with: " ")
    let pull = try #require(command.range(of: "git pull --ff-only"))
    let check = try #require(command.range(of: "/usr/local/bin/helpdesk-kiosk check --content /srv/helpdesk-articles;"))
    let restart = try #require(command.range(of: "systemctl restart helpdesk-kiosk.service"))
    #expect(pull.upperBound < check.lowerBound && check.upperBound < restart.lowerBound)
    #expect(command.contains("/bin/sh -ec '"), "a failed check must stop the restart")
    let timer = self.settings(try root.text("usr/local/lib/systemd/system/helpdesk-kiosk-articles.timer"))
    #expect(timer["OnCalendar"] == ["*-*-* 04:00"])
    #expect(timer["Persistent"] == ["true"])
  }

  @Test("the units' command lines work with the installed program, configuration and state folder")
  func commandLines() throws {
    let root = try ThrowawayRoot()
    #expect(try root.install().status == 0)
    func command(_ name: String) throws -> (String, [String]) {
      let line = try #require(settings(try root.text("usr/local/lib/systemd/system/\(name)"))["ExecStart"]?.first)
      let words = line.split(separator: " ").map { word -> String in
        for installed in ["/usr/local/bin/helpdesk-kiosk", "/etc/helpdesk-kiosk/config.yaml", "/var/lib/helpdesk-kiosk"]
        where word == installed {
          return root.file(String(installed.dropFirst()))
        }
        return String(word)
      }
      return (words[0], Array(words.dropFirst()))
    }
    let (metrics, measuring) = try command("helpdesk-kiosk-metrics.service")
    let output = root.file("helpdesk-kiosk.prom")
    let measured = try Runner.run(metrics, measuring.map { $0 == "/run/helpdesk-kiosk-metrics/helpdesk-kiosk.prom" ? output : $0 })
    #expect(measured.status == 0, "\(measured)")
    #expect(try root.text("helpdesk-kiosk.prom").contains("helpdesk_kiosk_transport_sends{"), "\(measured)")

    let (deliverer, delivering) = try command("helpdesk-kiosk-deliver.service")
    let delivered = try Runner.run(deliverer, delivering)
    #expect(delivered.status == 0, "\(delivered)")
    #expect(delivered.stdout.hasPrefix("Nothing to deliver: there is no outbox in \(root.state)"), "\(delivered)")

    // The kiosk reads its configuration and content, then needs the console: here there
    // is none, so it stops at the terminal (69), past the configuration (78) and content (66).
    let (kiosk, running) = try command("helpdesk-kiosk.service")
    let run = try Runner.run(kiosk, running)
    #expect(run.status == 69, "\(run)")
    #expect(run.stderr == "helpdesk-kiosk: standard input and output must be a terminal\n")
  }
}
