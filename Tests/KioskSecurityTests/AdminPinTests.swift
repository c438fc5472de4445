import Testing

@testable import KioskSecurity

@Suite struct AdminPinTests {
  @Test func aHashVerifiesItsPinAndNoOther() throws {
    let hash = try #require(AdminPin.hash("482913"))
    #expect(hash.hasPrefix("$y$"), "yescrypt")
    #expect(!hash.contains("482913"))
    #expect(AdminPin.verify("482913", against: hash))
    #expect(!AdminPin.verify("482914", against: hash))
    #expect(!AdminPin.verify("", against: hash))
  }

  @Test func theSamePinGetsADifferentSaltEachTime() throws {
    let first = try #require(AdminPin.hash("1234"))
    let second = try #require(AdminPin.hash("1234"))
    #expect(first != second)
    #expect(AdminPin.verify("1234", against: second))
  }

  @Test(arguments: ["", "not a hash", "*0", "$y$"])
  func aBrokenHashLetsNobodyIn(hash: String) {
    #expect(!AdminPin.verify("1234", against: hash))
  }

  @Test(arguments: [("1234", true), ("123456789012", true), ("123", false), ("1234567890123", false), ("12a4", false), ("١٢٣٤", false)])
  func pinsAreFourToTwelveDigits(pin: String, isAcceptable: Bool) {
    #expect(AdminPin.isAcceptable(pin) == isAcceptable)
  }
}
