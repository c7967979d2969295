import Foundation
import NIOConcurrencyHelpers

/// What the emulator times instance transitions by (`Pending` → `Starting` → `Running`, …).
///
/// The emulator never sleeps inside a request: an instance's next statuses are scheduled at
/// instants of this clock, and every call first applies the steps whose instant has passed.
/// So a test decides how time goes: ``SystemEmulatorClock`` (real time, with short or
/// realistic ``InstanceTransitions``) or ``ManualEmulatorClock`` (time moves only when the
/// test calls ``ManualEmulatorClock/advance(by:)``).
public protocol EmulatorClock: Sendable {
    /// The current instant.
    var now: ContinuousClock.Instant { get }
}

/// Real (monotonic) time.
public struct SystemEmulatorClock: EmulatorClock {
    public init() {}
    public var now: ContinuousClock.Instant { .now }
}

/// Time that moves only when told to: `advance(by:)` jumps it forward, and the emulator's next
/// call sees every transition that became due (`Pending` then `Starting` then `Running` in one
/// jump, if the jump is long enough).
public final class ManualEmulatorClock: EmulatorClock {
    private let current: NIOLockedValueBox<ContinuousClock.Instant>

    public init(start: ContinuousClock.Instant = .now) {
        current = NIOLockedValueBox(start)
    }

    public var now: ContinuousClock.Instant { current.withLockedValue { $0 } }

    /// Moves the clock forward (a negative duration is ignored: time does not go back).
    public func advance(by duration: Duration) {
        guard duration > .zero else { return }
        current.withLockedValue { $0 = $0.advanced(by: duration) }
    }
}

/// How long each transitional status of an instance lasts, and the clock that measures it.
///
/// | call | statuses |
/// |---|---|
/// | `RunInstances` | `Pending` (``pending``) → `Starting` (``starting``) → `Running` |
/// | `StartInstance(s)` | `Starting` (``starting``) → `Running` |
/// | `StopInstance(s)` | `Stopping` (``stopping``; ``forcedStopping`` with `ForceStop`) → `Stopped` |
/// | `RebootInstance` | `Stopping` (``stopping`` or ``forcedStopping``) → `Starting` (``starting``) → `Running` |
/// | `DeleteInstance(s)` | gone at once; with `Force` and `ForceStop=false` on a `Running` instance, `Stopping` (``stopping``) first |
public struct InstanceTransitions: Sendable {
    /// `Pending` (being created) before `Starting`.
    public var pending: Duration
    /// `Starting` before `Running`.
    public var starting: Duration
    /// `Stopping` before `Stopped` (a normal stop).
    public var stopping: Duration
    /// `Stopping` before `Stopped` with `ForceStop=true` (a power-off).
    public var forcedStopping: Duration
    public var clock: any EmulatorClock

    public init(
        pending: Duration, starting: Duration, stopping: Duration, forcedStopping: Duration,
        clock: any EmulatorClock = SystemEmulatorClock()
    ) {
        self.pending = pending
        self.starting = starting
        self.stopping = stopping
        self.forcedStopping = forcedStopping
        self.clock = clock
    }

    /// A few seconds each, on real time: what `ecs-emulator` uses by default (Pending 2 s,
    /// Starting 3 s, Stopping 3 s, a forced stop 1 s).
    public static let realistic = InstanceTransitions(
        pending: .seconds(2), starting: .seconds(3), stopping: .seconds(3), forcedStopping: .seconds(1))

    /// No time at all: the next call after `RunInstances` already sees `Running`.
    public static let instant = InstanceTransitions(pending: .zero, starting: .zero, stopping: .zero, forcedStopping: .zero)

    /// The ``realistic`` durations on a clock the test moves (``ManualEmulatorClock/advance(by:)``).
    public static func manual(_ clock: ManualEmulatorClock) -> InstanceTransitions {
        var transitions = realistic
        transitions.clock = clock
        return transitions
    }

    /// Every duration divided by `factor` (`20`: a 3 s start takes 150 ms); `.infinity` gives
    /// ``instant``'s zeros. A factor that is not positive leaves the durations as they are.
    public func speeded(up factor: Double) -> InstanceTransitions {
        guard factor > 0, factor != 1 else { return self }
        func scale(_ duration: Duration) -> Duration {
            guard factor.isFinite else { return .zero }
            let (seconds, attoseconds) = duration.components
            let total = (Double(seconds) + Double(attoseconds) / 1e18) / factor
            return .nanoseconds(Int64((total * 1e9).rounded()))
        }
        var scaled = self
        scaled.pending = scale(pending)
        scaled.starting = scale(starting)
        scaled.stopping = scale(stopping)
        scaled.forcedStopping = scale(forcedStopping)
        return scaled
    }
}
