import APIGenRuntime
import APIGenServer
import ECS
import ECSServer
import Foundation

/// The ECS actions the emulator implements, on the generated ``ECSService`` protocol; every
/// other action answers the generated "not implemented" error.
///
/// Requests reach it already authenticated (``ECSEmulator`` checks signatures first), so the
/// caller's account is the one its access key belongs to in the fixture.
public struct EmulatorService: ECSService {
    public let state: EmulatorState
    /// The keys (the fixture's and those STS issued), each acting for an account.
    let keys: any AccessKeyStore

    public init(state: EmulatorState, accessKeys: [EmulatorFixture.AccessKey]) {
        self.init(state: state, accessKeys: EmulatorAccessKeys(accessKeys))
    }

    public init(state: EmulatorState, accessKeys: any AccessKeyStore) {
        self.state = state
        self.keys = accessKeys
    }

    /// The account of the key that signed the call; a call that reached the service without
    /// one (which ``ECSEmulator`` never lets happen) belongs to nobody and owns nothing.
    func account(_ context: RPCServerContext) -> String {
        context.accessKeyId.flatMap { keys.accessKey(id: $0)?.accountId } ?? ""
    }

    public func attachClassicLinkVpc(
        _ request: AttachClassicLinkVpcRequest, context: RPCServerContext
    ) async throws(AttachClassicLinkVpcError) -> AttachClassicLinkVpcResponse {
        if let failure = await state.attachClassicLinkVpc(
            regionId: request.regionId, instanceId: request.instanceId, vpcId: request.vpcId, account: account(context))
        {
            throw failure
        }
        return AttachClassicLinkVpcResponse(requestId: context.requestId)
    }

    public func detachClassicLinkVpc(
        _ request: DetachClassicLinkVpcRequest, context: RPCServerContext
    ) async throws(DetachClassicLinkVpcError) -> DetachClassicLinkVpcResponse {
        if let failure = await state.detachClassicLinkVpc(
            regionId: request.regionId, instanceId: request.instanceId, vpcId: request.vpcId, account: account(context))
        {
            throw failure
        }
        return DetachClassicLinkVpcResponse(requestId: context.requestId)
    }

    public func describeClassicLinkInstances(
        _ request: DescribeClassicLinkInstancesRequest, context: RPCServerContext
    ) async throws(DescribeClassicLinkInstancesError) -> DescribeClassicLinkInstancesResponse {
        guard await state.regions.contains(request.regionId) else {
            throw DescribeClassicLinkInstancesError.invalidRegionIdNotFound
        }
        // PageNumber from 1, PageSize 1…100 (default 10), as the API documents them.
        let pageNumber = request.pageNumber ?? 1
        guard pageNumber >= 1 else { throw DescribeClassicLinkInstancesError.invalidParameterPageNumber }
        let pageSize = request.pageSize ?? 10
        guard (1...100).contains(pageSize) else { throw DescribeClassicLinkInstancesError.invalidParameterPageSize }

        let all = await state.classicLinks(
            regionId: request.regionId, vpcId: request.vpcId, instanceId: request.instanceId, account: account(context))
        let start = min(all.count, (pageNumber - 1) * pageSize)
        let page = all[start..<min(all.count, start + pageSize)]
        return DescribeClassicLinkInstancesResponse(
            pageSize: pageSize,
            requestId: context.requestId,
            pageNumber: pageNumber,
            totalCount: all.count,
            links: page.map { .init(vpcId: $0.vpcId, instanceId: $0.instanceId) }
        )
    }
}
