import ArgumentParser
import Foundation
import KioskContent
import KioskCore
import KioskRender
import KioskTerminal

/// `helpdesk-kiosk run`: the kiosk itself.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the kiosk on this terminal (the default command).")

  @OptionGroup var content: ContentOptions

  @Flag(name: .long, help: "Development mode: q quits from any screen and Ctrl-C ends the program.")
  var dev = false

  func run() throws {
    let folder = try content.folder()
    let catalog: Catalog
    do {
      let (loaded, problems) = try ContentLoader.load(from: folder)
      catalog = loaded
      if !problems.isEmpty && isatty(STDERR_FILENO) == 0 {
        problems.forEach { complain("content: \($0)") }
      }
    } catch let error as ContentFolderError {
      complain(error.description)
      throw ExitCode(ExitStatus.noInput)
    }

    let terminal: Terminal
    do {
      terminal = try Terminal()
    } catch let error as TerminalError {
      complain(error.description)
      throw ExitCode(ExitStatus.unavailable)
    }
    let status = RunLoop(terminal: terminal).run(
      AppState(catalog: catalog, size: terminal.size, glyphs: terminal.glyphs, isDevelopment: dev))
    terminal.restore()
    if status != 0 { throw ExitCode(status) }
  }
}

/// Feeds the terminal's events through `update` and draws each new state.
struct RunLoop {
  let terminal: Terminal

  /// Runs until an effect or a signal ends it; returns the exit status.
  func run(_ initial: AppState) -> Int32 {
    var state = update(initial, .resize(terminal.size)).0
    terminal.draw(render(state))
    while true {
      switch terminal.nextInput() {
      case .event(let event):
        let (next, effects) = update(state, event)
        state = next
        for effect in effects {
          switch effect {
          case .quit(let status): return status
          }
        }
        terminal.draw(render(state))
      case .signal(let signal):
        if signal == SIGINT && !state.isDevelopment { continue }
        return 128 + signal
      case .timeout:
        continue
      }
    }
  }
}
