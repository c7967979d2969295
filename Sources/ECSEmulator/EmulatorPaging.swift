import APIGenRuntime
import Foundation

/// How the emulator pages its lists (instances, statuses, security groups, vSwitches, tags).
///
/// **Order.** Every list is in a stable order that never changes for an item while it exists:
/// its position key (``EmulatorPaging/Item/position``), the order resources were created in
/// (the fixture's, then each call's). A new resource always comes after every existing one.
///
/// **NextToken** (with `MaxResults`): a token names the position of the last item returned
/// (and the listing it belongs to); the next page is the items *after that position* that
/// match the filters now. So an item that exists during the whole listing is returned exactly
/// once, in order, whatever is created or deleted meanwhile: deletions remove nothing but the
/// deleted items, and creations land after the reader (a resource created before the listing
/// ends is listed at its end). A token from another listing (other filters, another action or
/// account) or one that is not a token is rejected.
///
/// **PageNumber** (with `PageSize`): page N is positions `(N-1)·PageSize ..< N·PageSize` of the
/// list as it is when that page is asked for. A creation lands at the end, so it never moves an
/// item already read and never causes a duplicate; but a deletion of an item on a page already
/// read moves every later item one place forward, so the first item of the next page moves onto
/// the pages already read and is skipped: each such deletion skips exactly one item that
/// existed for the whole listing. Use NextToken when items may be deleted while you read.
enum EmulatorPaging {
    /// A listing as a request asks for it.
    struct Request: Sendable {
        var nextToken: String?
        var maxResults: Int?
        var pageNumber: Int?
        var pageSize: Int?
    }

    /// Per-action sizes: defaults and the largest page (requests beyond are already rejected by
    /// the generated validation).
    struct Limits: Sendable {
        var defaultMaxResults = 10
        /// `MaxResults` below this is raised to it (DescribeInstances: "smaller than 10 … 10").
        var minimumMaxResults = 1
        var defaultPageSize = 10
    }

    /// One page of a listing.
    struct Page<Item> {
        var items: [Item]
        /// The token of the next page; `""` on the last page (as ECS sends it).
        var nextToken: String
        /// How many items match the filters now.
        var totalCount: Int
        /// Set when the request paged by number (or by nothing: page 1).
        var pageNumber: Int?
        var pageSize: Int?
    }

    /// `items` must be sorted by `position` (ascending) and hold only what matches the filters.
    /// `listing` identifies the listing (action, account, filters): a token carries it, and a
    /// token of another listing (or not a token) is answered `invalidToken`.
    static func page<Item>(
        _ items: [Item], position: (Item) -> Int, request: Request, limits: Limits, listing: UInt64, invalidToken: EmulatorFailure
    ) throws(EmulatorFailure) -> Page<Item> {
        let usesToken = !(request.nextToken ?? "").isEmpty || request.maxResults != nil
        if usesToken {
            var after = Int.min
            if let token = request.nextToken, !token.isEmpty {
                guard let position = decode(token, listing: listing) else { throw invalidToken }
                after = position
            }
            let limit = max(request.maxResults ?? limits.defaultMaxResults, limits.minimumMaxResults)
            // First item after the token's position (items are sorted by position).
            var low = 0
            var high = items.count
            while low < high {
                let middle = (low + high) / 2
                if position(items[middle]) <= after { low = middle + 1 } else { high = middle }
            }
            let end = min(items.count, low + limit)
            let slice = Array(items[low..<end])
            let next = end < items.count && !slice.isEmpty ? encode(position(slice[slice.count - 1]), listing: listing) : ""
            return Page(items: slice, nextToken: next, totalCount: items.count, pageNumber: nil, pageSize: nil)
        }
        let number = request.pageNumber ?? 1
        let size = request.pageSize ?? limits.defaultPageSize
        let (start, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        let first = overflow ? items.count : min(items.count, start)
        let end = min(items.count, first + size)
        let slice = Array(items[first..<end])
        let next = end < items.count && !slice.isEmpty ? encode(position(slice[slice.count - 1]), listing: listing) : ""
        return Page(items: slice, nextToken: next, totalCount: items.count, pageNumber: number, pageSize: size)
    }

    // MARK: Tokens

    /// 32 hexadecimal digits, as ECS's tokens look: the position, masked by the listing's
    /// fingerprint, then the fingerprint.
    static func encode(_ position: Int, listing: UInt64) -> String {
        let masked = UInt64(bitPattern: Int64(position)) ^ mask(listing)
        return hex(masked) + hex(listing)
    }

    static func decode(_ token: String, listing: UInt64) -> Int? {
        let digits = Array(token.utf8)
        guard digits.count == 32,
              let masked = UInt64(String(decoding: digits[0..<16], as: UTF8.self), radix: 16),
              let fingerprint = UInt64(String(decoding: digits[16..<32], as: UTF8.self), radix: 16),
              fingerprint == listing
        else { return nil }
        return Int(Int64(bitPattern: masked ^ mask(listing)))
    }

    private static func mask(_ listing: UInt64) -> UInt64 {
        listing &* 0x9E37_79B9_7F4A_7C15 ^ 0xA5A5_5A5A_C3C3_3C3C
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// A listing's fingerprint: the action, the account and the request's parameters other
    /// than the paging ones (so every page of one listing has the same one).
    static func listing<Request: RPCRequest>(_ request: Request, account: String) -> UInt64 {
        let paging: Set<String> = ["NextToken", "MaxResults", "PageNumber", "PageSize", "DryRun"]
        var text = Request.action + "\u{1}" + account
        for item in request.queryItems.sorted(by: { $0.name < $1.name }) where !paging.contains(item.name) {
            text += "\u{1}" + item.name + "\u{2}" + item.value
        }
        return fnv1a(text)
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
