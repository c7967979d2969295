import APIGenRuntime

/// One piece of work shared by every caller that asks while it runs (the chain's first walk
/// through its sources); a caller that is cancelled stops waiting, the work goes on for the
/// others. Once it succeeds its value is kept; a failure is not kept, the next caller starts
/// again.
actor SharedSelection<Value: Sendable> {
    private var value: Value?
    private var running = false
    private let waiters = CancellableWaiters<Value>()

    var current: Value? { value }

    func get(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let value { return value }
        try Task.checkCancellation()
        if !running {
            running = true
            Task {
                let result: Result<Value, any Error>
                do {
                    result = .success(try await work())
                } catch {
                    result = .failure(error)
                }
                self.finish(result)
            }
        }
        return try await waiters.wait()
    }

    private func finish(_ result: Result<Value, any Error>) {
        running = false
        if case .success(let value) = result { self.value = value }
        waiters.resumeAll(with: result)
    }
}
