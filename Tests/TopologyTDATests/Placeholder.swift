import Testing
import TestSupport

@Test func fixturesFolderIsFound() {
    #expect(Fixtures.packageRoot.lastPathComponent.isEmpty == false)
}
