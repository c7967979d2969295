import APIGenRuntime
import APIGenServer
import APIGenXML
import Foundation
import Testing

@Suite struct SignatureNonceCacheTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aNonceIsRefusedUntilItsRetentionHasPassed() {
        let cache = SignatureNonceCache(retention: 1800, capacity: 100)
        #expect(cache.insert("n", accessKeyId: "k", now: Self.start))
        #expect(!cache.insert("n", accessKeyId: "k", now: Self.start.addingTimeInterval(1799)))
        #expect(cache.insert("n", accessKeyId: "other-key", now: Self.start.addingTimeInterval(1799)))
        #expect(cache.insert("n", accessKeyId: "k", now: Self.start.addingTimeInterval(1800)))
        // Re-recorded at 1800: refused again from then on.
        #expect(!cache.insert("n", accessKeyId: "k", now: Self.start.addingTimeInterval(1801)))
    }

    @Test func expiredNoncesArePruned() {
        let cache = SignatureNonceCache(retention: 60, capacity: 10_000)
        for index in 0..<5000 {
            #expect(cache.insert("n\(index)", accessKeyId: "k", now: Self.start.addingTimeInterval(Double(index) / 100)))
        }
        #expect(cache.count == 5000)
        _ = cache.insert("late", accessKeyId: "k", now: Self.start.addingTimeInterval(60 + 25))
        // Entries at 0 … 25 s are older than 60 s at 85 s; those after 25 s stay.
        #expect(cache.count == 5000 - 2501 + 1)
        #expect(!cache.insert("n4999", accessKeyId: "k", now: Self.start.addingTimeInterval(85)))
        #expect(cache.insert("n0", accessKeyId: "k", now: Self.start.addingTimeInterval(85)))
    }

    @Test func theCacheIsBoundedOldestFirst() {
        let cache = SignatureNonceCache(retention: 3600, capacity: 1000)
        for index in 0..<3000 {
            _ = cache.insert("n\(index)", accessKeyId: "k", now: Self.start)
        }
        #expect(cache.count == 1000)
        #expect(!cache.insert("n2999", accessKeyId: "k", now: Self.start), "the newest are kept")
        #expect(cache.insert("n0", accessKeyId: "k", now: Self.start), "the oldest were evicted")
    }

    @Test func concurrentInsertsOfOneNonceHaveExactlyOneWinner() async {
        let cache = SignatureNonceCache()
        let wins = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask { cache.insert("same", accessKeyId: "k", now: Self.start) }
            }
            var wins = 0
            for await won in group where won { wins += 1 }
            return wins
        }
        #expect(wins == 1)
    }
}
