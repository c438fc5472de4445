import ArgumentParser
import Testing

@testable import helpdesk_kiosk

/// `Run.commandLine`, the kiosk's own command line read without the command tree, set
/// beside the whole parser: what it reads, the tree reads the same; the rest it leaves
/// to the tree.
@Suite struct RunCommandLineTests {
  /// What a parsed `run` holds, to compare.
  static func fields(_ run: Run) -> [String] {
    [
      run.content.content ?? "-", run.state.stateDirectory ?? "-", "\(run.dev)", "\(run.plain)",
      run.idleTimeout.map(String.init) ?? "-", run.idleCountdown.map(String.init) ?? "-", run.config ?? "-",
    ]
  }

  @Test("Every command names itself: else the parser makes each name from the type's, by reflection, at every start")
  func everyCommandNamesItself() {
    func tree(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
      [command] + command.configuration.subcommands.flatMap(tree)
    }
    let commands = tree(HelpdeskKiosk.self)
    #expect(commands.count == 15)
    #expect(commands.filter { $0.configuration.commandName == nil }.map { "\($0)" } == [])
  }

  @Test("Every option of run is one that Run.commandLine sets")
  func everyOption() throws {
    let run = try #require(Run.commandLine([]))
    let options = Mirror(reflecting: run).children.compactMap(\.label).sorted()
    #expect(options == ["_config", "_content", "_dev", "_idleCountdown", "_idleTimeout", "_plain", "_state"])
    // And each of them can be read.
    #expect(Self.fields(run) == ["-", "-", "false", "false", "-", "-", "-"])
  }

  @Test(
    "The kiosk's own command lines are read as the whole parser reads them",
    arguments: [
      [],
      ["--dev"],
      ["--plain", "--dev"],
      ["--content", "/srv/kb", "--state-dir", "/var/lib/kiosk"],
      ["--content=/srv/kb", "--state-dir=/var/lib/kiosk", "--config=/etc/k.yaml"],
      ["--config", "/etc/helpdesk-kiosk/config.yaml", "--idle-timeout", "0", "--idle-countdown", "1"],
      ["--idle-timeout=300", "--idle-countdown=+15"],
      ["--content", "check"],
      ["--content", "help"],
      ["--state-dir", "run"],
      ["--content=a=b", "--plain"],
      ["--content", "folder with spaces", "--dev", "--config", "c"],
      // The command named, as the service starts it.
      ["run"],
      ["run", "--dev"],
      ["run", "--config", "/etc/helpdesk-kiosk/config.yaml", "--state-dir", "/var/lib/helpdesk-kiosk"],
      ["run", "--content=run"],
    ])
  func sameAsTheTree(_ arguments: [String]) throws {
    let quick = try #require(Run.commandLine(arguments), "\(arguments)")
    let tree = try #require(try HelpdeskKiosk.parseAsRoot(arguments) as? Run, "\(arguments)")
    #expect(Self.fields(quick) == Self.fields(tree), "\(arguments)")
  }

  @Test(
    "Anything else is left to the whole parser: help, commands, mistakes, repeats",
    arguments: [
      ["--help"], ["-h"], ["help"], ["run", "--help"], ["run", "run"], ["run", "check"], ["check"], ["--version"],
      ["check", "run"], ["--dev", "run"], ["help", "run"],
      ["--dev", "--dev"], ["--content", "a", "--content", "b"], ["--content"], ["--content="],
      ["--content", "-x"], ["--content=-x"], ["--idle-timeout", "-1"], ["--idle-timeout", "x"],
      ["--idle-timeout", "1.5"], ["--idle-countdown", "0"], ["--dev=true"], ["--bogus"], ["--bogus=1"],
      ["-"], ["--"], ["--dev", "--", "x"], ["extra"], ["--dev", "check"], ["--experimental-dump-help"],
      ["--generate-completion-script", "bash"], ["--idle-timeout", "99999999999999999999"],
    ])
  func leftToTheTree(_ arguments: [String]) {
    #expect(Run.commandLine(arguments) == nil, "\(arguments)")
  }
}
