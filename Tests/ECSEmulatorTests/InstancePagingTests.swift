import APIGenRuntime
import ECS
import ECSEmulator
import Foundation
import Testing

/// DescribeInstances paged through the runtime's paginator against the emulator: 1,000
/// instances by NextToken and by PageNumber, each once and in creation order; and what each
/// style does while instances are created and deleted mid-listing.
@Suite struct InstancePagingTests {
    static let region = LifecycleFixture.region

    /// The fixture's instances of the test account in the region, in list order.
    static let fixtureInstances = ["i-locked", "i-protected"]

    /// Creates `count` instances, 100 a call, and returns their IDs in creation order.
    static func create(_ count: Int, _ ecs: ECSClient, tag: String? = nil) async throws -> [String] {
        var ids: [String] = []
        while ids.count < count {
            var launch = LifecycleFixture.launch(amount: min(100, count - ids.count))
            if let tag { launch.tags = [.init(key: "batch", value: tag)] }
            ids += try await ecs.runInstances(launch).instanceIds
        }
        return ids
    }

    static func byToken(_ ecs: ECSClient, _ request: DescribeInstancesRequest) -> RPCPaginator<DescribeInstancesRequest, DescribeInstancesResponse.Instance> {
        ecs.client.paginator(request, paging: .nextToken(request: \.nextToken, response: \.nextToken), items: \.instances)
    }

    static func byPage(_ ecs: ECSClient, _ request: DescribeInstancesRequest) -> RPCPaginator<DescribeInstancesRequest, DescribeInstancesResponse.Instance> {
        ecs.client.paginator(request, paging: .pageNumber(request: \.pageNumber, pageSize: \.pageSize, totalCount: \.totalCount), items: \.instances)
    }

    @Test func aThousandInstancesByNextTokenEachOnceInOrder() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let created = try await Self.create(1000, ecs)
            #expect(Set(created).count == 1000)
            let expected = Self.fixtureInstances + created

            var pages = 0
            var seen: [String] = []
            for try await page in Self.byToken(ecs, .init(regionId: Self.region, maxResults: 37)) {
                pages += 1
                #expect(page.totalCount == 1002)
                #expect(page.instances.count == 37 || page.nextToken == "", "only the last page is short")
                seen += page.instances.compactMap(\.instanceId)
            }
            #expect(pages == 28, "1002 instances, 37 a page")
            #expect(seen == expected)

            // The items sequence, to the same effect.
            let items = try await Self.byToken(ecs, .init(regionId: Self.region, maxResults: 100)).items.collect()
            #expect(items.compactMap(\.instanceId) == expected)
        }
    }

    @Test func aThousandInstancesByPageNumberEachOnceInOrder() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let created = try await Self.create(1000, ecs)
            let expected = Self.fixtureInstances + created

            var numbers: [Int] = []
            var seen: [String] = []
            for try await page in Self.byPage(ecs, .init(regionId: Self.region, pageSize: 30)) {
                numbers.append(try #require(page.pageNumber))
                #expect(page.pageSize == 30 && page.totalCount == 1002)
                seen += page.instances.compactMap(\.instanceId)
            }
            #expect(numbers == Array(1...34), "1002 instances, 30 a page: 33 full pages and one of 12")
            #expect(seen == expected)
        }
    }

    /// NextToken under churn. After each page but the last, five instances already listed and
    /// five not yet listed are deleted and five are created. The token names the last item's
    /// place in creation order, so the listing is exactly: every instance that was there at the
    /// start and not deleted before it was reached, then every instance created meanwhile, each
    /// once, in creation order.
    @Test func nextTokenNeverDuplicatesOrSkipsUnderChurn() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let initial = try await Self.create(300, ecs, tag: "churn")
            var order = initial                      // creation order of everything
            var deletedUnseen: Set<String> = []
            var deletedSeen: Set<String> = []
            var seen: [String] = []
            var rounds = 0
            let request = DescribeInstancesRequest(regionId: Self.region, maxResults: 50, tags: [.init(value: "churn", key: "batch")])
            for try await page in Self.byToken(ecs, request) {
                seen += page.instances.compactMap(\.instanceId)
                guard page.nextToken?.isEmpty == false else { break }
                rounds += 1
                let seenSet = Set(seen)
                let alive = order.filter { !deletedSeen.contains($0) && !deletedUnseen.contains($0) }
                let oldSeen = Array(alive.filter { seenSet.contains($0) }.prefix(5))
                let unseen = Array(alive.filter { !seenSet.contains($0) && initial.contains($0) }.suffix(5))
                _ = try await ecs.deleteInstances(.init(force: true, regionId: Self.region, instanceIds: oldSeen + unseen))
                deletedSeen.formUnion(oldSeen)
                deletedUnseen.formUnion(unseen)
                order += try await Self.create(5, ecs, tag: "churn")
            }
            #expect(rounds == 5, "300 instances, 50 a page, the list shrinking by none: five rounds before the last page")
            #expect(Set(seen).count == seen.count, "no instance listed twice")
            let expected = order.filter { !deletedUnseen.contains($0) }
            #expect(seen == expected, "every instance there throughout, and every one created before the end, once, in creation order")
            #expect(deletedUnseen.isDisjoint(with: seen))
        }
    }

    /// PageNumber under churn, the same mutations after each page. Page N is always positions
    /// (N-1)·size ..< N·size of the list as it is when the page is asked for (checked page by
    /// page against a model). Creations land at the end, so no instance is ever listed twice;
    /// but each deletion of an instance already listed moves the rest of the list one place
    /// forward, so one instance that was there throughout slips onto the pages already read and
    /// is never listed: exactly five per round here.
    @Test func pageNumberSkipsOneSurvivorPerDeletionBehindTheReader() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let initial = try await Self.create(300, ecs, tag: "churn")
            var model = initial                      // the list as the emulator has it
            var deleted: Set<String> = []
            var seen: [String] = []
            var rounds = 0
            let request = DescribeInstancesRequest(regionId: Self.region, pageSize: 50, tags: [.init(value: "churn", key: "batch")])
            for try await page in Self.byPage(ecs, request) {
                let number = try #require(page.pageNumber)
                let start = min(model.count, (number - 1) * 50)
                let expectedPage = Array(model[start..<min(model.count, start + 50)])
                #expect(page.instances.compactMap(\.instanceId) == expectedPage, "page \(number) is positions \(start)..<\(start + 50) of the list now")
                seen += page.instances.compactMap(\.instanceId)
                guard number * 50 < (page.totalCount ?? 0) else { continue }
                rounds += 1
                let seenSet = Set(seen)
                let oldSeen = Array(model.filter { seenSet.contains($0) }.prefix(5))
                let unseen = Array(model.filter { !seenSet.contains($0) && initial.contains($0) }.suffix(5))
                _ = try await ecs.deleteInstances(.init(force: true, regionId: Self.region, instanceIds: oldSeen + unseen))
                deleted.formUnion(oldSeen + unseen)
                model.removeAll { deleted.contains($0) }
                model += try await Self.create(5, ecs, tag: "churn")
            }
            #expect(rounds == 5)
            #expect(Set(seen).count == seen.count, "no instance listed twice: creations go to the end")
            let survivors = initial.filter { !deleted.contains($0) }
            let skipped = survivors.filter { !seen.contains($0) }
            #expect(skipped.count == 5 * rounds, "one survivor skipped per deletion behind the reader: \(skipped.count) in \(rounds) rounds")
            let seenPositions = seen.compactMap { id in (initial + model).firstIndex(of: id) }
            #expect(seenPositions == seenPositions.sorted(), "what is listed is in creation order")
        }
    }

    @Test func filtersNarrowTheListing() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            var web = LifecycleFixture.launch(amount: 3, name: "web-")
            web.uniqueSuffix = true
            web.tags = [.init(key: "role", value: "web"), .init(key: "env", value: "prod")]
            let webIds = try await ecs.runInstances(web).instanceIds
            var db = LifecycleFixture.launch(amount: 2, name: "db-primary")
            db.securityGroupId = "sg-db"
            db.vSwitchId = "vsw-db"
            db.tags = [.init(key: "role", value: "db"), .init(key: "env", value: "prod")]
            let dbIds = try await ecs.runInstances(db).instanceIds
            var small = LifecycleFixture.launch(amount: 1, name: "batch-1")
            small.vSwitchId = "vsw-i"
            let smallIds = try await ecs.runInstances(small).instanceIds
            _ = try await ecs.stopInstance(.init(instanceId: webIds[0]))

            func ids(_ request: DescribeInstancesRequest) async throws -> [String] {
                try await ecs.describeInstances(request).instances.compactMap(\.instanceId)
            }
            let region = Self.region
            #expect(try await ids(.init(regionId: region, instanceIds: [dbIds[1], webIds[2], "i-missing"])) == [webIds[2], dbIds[1]])
            #expect(try await ids(.init(regionId: region, status: .stopped)) == ["i-protected", webIds[0]])
            #expect(try await ids(.init(regionId: region, tags: [.init(value: "web", key: "role")])) == webIds)
            #expect(try await ids(.init(regionId: region, tags: [.init(key: "role")])) == webIds + dbIds, "a key alone matches any value")
            #expect(try await ids(.init(regionId: region, tags: [.init(value: "prod", key: "env"), .init(value: "db", key: "role")])) == dbIds)
            #expect(try await ids(.init(regionId: region, vpcId: "vpc-db")) == dbIds)
            #expect(try await ids(.init(regionId: region, vSwitchId: "vsw-i")) == smallIds)
            #expect(try await ids(.init(regionId: region, zoneId: "cn-hangzhou-i")) == smallIds)
            #expect(try await ids(.init(regionId: region, securityGroupId: "sg-db")) == dbIds)
            #expect(try await ids(.init(regionId: region, instanceName: "web-002")) == [webIds[1]], "UniqueSuffix numbers the names")
            #expect(try await ids(.init(regionId: region, instanceName: "web-*")) == webIds)
            #expect(try await ids(.init(regionId: region, instanceName: "*-primary*")) == dbIds)
            #expect(try await ids(.init(regionId: "cn-beijing")) == ["i-in-beijing"])
            #expect(try await ids(.init(regionId: region, instanceNetworkType: "classic")).isEmpty)

            // Without paging parameters: page 1 of 10, and a token to go on with.
            let first = try await ecs.describeInstances(.init(regionId: region))
            #expect(first.pageNumber == 1 && first.pageSize == 10 && first.totalCount == 8 && first.nextToken == "")
        }
    }

    @Test func maxResultsBelowTenIsTenAsTheDocumentSays() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            _ = try await Self.create(25, ecs)
            let page = try await ecs.describeInstances(.init(regionId: Self.region, maxResults: 3))
            #expect(page.instances.count == 10)
            #expect(page.nextToken?.count == 32, "a token like ECS's: \(page.nextToken ?? "nil")")
            #expect(page.pageNumber == nil)
        }
    }

    @Test func badRequestsAreRefusedWithTheirCodes() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            _ = try await Self.create(15, ecs)
            let first = try await ecs.describeInstances(.init(regionId: Self.region, maxResults: 10))
            let token = try #require(first.nextToken)
            let region = Self.region

            let cases: [(String, DescribeInstancesRequest, String, Int)] = [
                ("a token of another listing", .init(regionId: region, zoneId: "cn-hangzhou-h", nextToken: token, maxResults: 10), "InvalidParameter.NextToken", 400),
                ("a token that is not one", .init(regionId: region, nextToken: "not-a-token"), "InvalidParameter.NextToken", 400),
                ("an unknown status", .init(regionId: region, status: .init(rawValue: "Sleeping")), "InvalidStatus.NotFound", 404),
                ("an unknown network type", .init(regionId: region, instanceNetworkType: "mesh"), "InvalidNetworkType.NotFound", 404),
                ("a tag value without its key", .init(regionId: region, tags: [.init(value: "web")]), "InvalidTag.Mismatch", 400),
                ("a filter the emulator does not apply", .init(regionId: region, publicIpAddresses: ["1.2.3.4"]), "UnsupportedParameter", 400),
                ("an unknown region", .init(regionId: "cn-nowhere"), "InvalidRegionId.NotFound", 404),
                ("a dry run", .init(regionId: region, dryRun: true), "DryRunOperation", 400),
            ]
            for (name, request, code, status) in cases {
                let result = await failure { _ = try await ecs.describeInstances(request) }
                #expect(result?.code == code && result?.status == status, "\(name): \(String(describing: result))")
            }
            // The token goes on with the same filters (the paginator resends them all).
            let second = try await ecs.describeInstances(.init(regionId: region, nextToken: token, maxResults: 10))
            #expect(second.instances.count == 7 && second.nextToken == "")
        }
    }

    @Test func describeInstanceStatusPagesByNumber() async throws {
        try await withEmulator(LifecycleFixture.fixture(), transitions: .instant) { _, endpoint in
            let ecs = LifecycleFixture.client(endpoint)
            let created = try await Self.create(120, ecs)
            let paginator = ecs.client.paginator(
                DescribeInstanceStatusRequest(regionId: Self.region, pageSize: 50),
                paging: .pageNumber(request: \.pageNumber, pageSize: \.pageSize, totalCount: \.totalCount), items: \.instanceStatuses)
            let all = try await paginator.items.collect()
            #expect(all.compactMap(\.instanceId) == Self.fixtureInstances + created)
            #expect(all.dropFirst(2).allSatisfy { $0.status == .running })

            let zone = try await ecs.describeInstanceStatus(.init(regionId: Self.region, zoneId: "cn-hangzhou-i"))
            #expect(zone.totalCount == 0)
            let badZone = await failure { _ = try await ecs.describeInstanceStatus(.init(regionId: Self.region, zoneId: "cn-hangzhou-z")) }
            #expect(badZone?.code == "InvalidZoneId.NotFound" && badZone?.status == 404)
        }
    }
}
