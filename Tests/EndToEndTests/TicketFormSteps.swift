import Foundation
import Testing

extension TmuxSession {
  /// From Home to "Open a ticket", as a person gets there: the first article of the first
  /// category, its steps, "No" to "Was this article helpful?" with no reason given, then
  /// "Still need help?".
  func openTicketForm() async throws {
    try await waitFor("How can we help?")
    try send("Enter")
    try await waitFor("Enter Read")
    try send("Enter")
    try await waitFor("Updated ")
    try send("Enter")
    try await waitFor("Try the steps:")
    try send("Tab", "Tab", "Enter", "n")
    try await waitFor("What went wrong?")
    try send("Escape")
    try await waitFor("Still need help?")
    try send("Enter")
    try await waitFor("Open a ticket")
  }

  /// Fills the open ticket form and goes on to "Check your ticket".
  func fillTicketForm(name: String, contact: String, description: String) async throws {
    try type(name)
    try send("Tab")
    try type(contact)
    try send("Tab")
    try type(description)
    try send("Tab", "Enter")
    try await waitFor("Check your ticket")
  }
}
