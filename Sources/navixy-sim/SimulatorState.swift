import GatewayCore

/// Everything the simulator remembers: sessions, bound tokens, recorded calls and planned
/// faults. An actor, so that a call's recording and its fault are taken in one step.
///
/// Memory is bounded: at most `maxRecordedRequests` calls, `maxSessions` sessions (the oldest
/// is forgotten with its tokens) and `maxPendingFaults` fault steps.
actor SimulatorState {
    /// The number of recorded calls kept; older ones are dropped.
    static let maxRecordedRequests = 10_000
    /// The number of sessions kept, active or ended; the oldest is forgotten first.
    static let maxSessions = 100_000
    /// The number of fault steps that may wait at once (each counts once, whatever `repeat`).
    static let maxPendingFaults = 10_000

    /// The sessions given on the command line, active again after a reset.
    private let initialSessions: [SessionHash]
    /// Whether each known session is active, by lower-cased hash.
    private var sessions: [String: Bool] = [:]
    private var sessionOrder = BoundedLog<String>(capacity: SimulatorState.maxSessions)
    private var bindings: [BindingKey: (sequence: Int, binding: PushTokenBinding)] = [:]
    private var bindingSequence = 0
    private var requests = BoundedLog<RecordedRequest>(capacity: maxRecordedRequests)
    private var faults: [FaultStep] = []

    /// A session's token for one application: Navixy keeps one token per session, and the
    /// simulator allows one per application so that a test can bind several.
    private struct BindingKey: Hashable {
        let hash: String
        let application: String
    }

    /// Creates the state with `initialSessions` active.
    init(initialSessions: [SessionHash]) {
        self.initialSessions = initialSessions
        // An actor's synchronous initializer cannot call its isolated methods.
        for hash in initialSessions
        where sessions.updateValue(true, forKey: hash.secretValue) == nil {
            sessionOrder.append(hash.secretValue)
        }
    }

    /// Records a Navixy call and takes the next fault step for it, if one is planned.
    func record(_ request: RecordedRequest) -> FaultStep? {
        var request = request
        request.fault = takeFault()
        requests.append(request)
        return request.fault
    }

    private func takeFault() -> FaultStep? {
        guard var step = faults.first else { return nil }
        step.repeatCount -= 1
        if step.repeatCount == 0 {
            faults.removeFirst()
        } else {
            faults[0] = step
        }
        return step
    }

    /// Adds an active session, a new random one when `hash` is nil, and returns its hash. An
    /// ended session becomes active again.
    @discardableResult
    func addSession(_ hash: SessionHash? = nil) -> SessionHash {
        let hash = hash ?? Self.randomHash()
        let key = hash.secretValue
        if sessions.updateValue(true, forKey: key) == nil, let dropped = sessionOrder.append(key) {
            sessions[dropped] = nil
            removeBindings(of: dropped)
        }
        return hash
    }

    /// Returns whether `hash` names an active session.
    func isActive(_ hash: SessionHash) -> Bool {
        sessions[hash.secretValue] == true
    }

    /// Ends the session and drops its tokens, as Navixy stops pushes for an ended session.
    /// Returns false when the session is unknown or `onlyActive` is set and it already ended.
    func endSession(_ hash: SessionHash, onlyActive: Bool) -> Bool {
        let key = hash.secretValue
        guard let active = sessions[key], active || !onlyActive else { return false }
        sessions[key] = false
        removeBindings(of: key)
        return true
    }

    /// Binds a token to an active session, replacing its token for the same application.
    /// Returns false when the session is not active.
    func bind(_ binding: PushTokenBinding, to hash: SessionHash) -> Bool {
        guard isActive(hash) else { return false }
        bindingSequence += 1
        let key = BindingKey(hash: hash.secretValue, application: binding.application)
        bindings[key] = (bindingSequence, binding)
        return true
    }

    /// Removes every token of an active session; nothing bound is fine. Returns false when the
    /// session is not active.
    func deleteBindings(of hash: SessionHash) -> Bool {
        guard isActive(hash) else { return false }
        removeBindings(of: hash.secretValue)
        return true
    }

    private func removeBindings(of key: String) {
        bindings = bindings.filter { $0.key.hash != key }
    }

    /// Lists the recorded calls, oldest first.
    func recordedRequests() -> [JSONValue] {
        requests.elements.map(\.listing)
    }

    /// Forgets the recorded calls.
    func clearRequests() {
        requests.removeAll()
    }

    /// Lists the bound tokens in the order they were bound.
    func bindingListing() -> [JSONValue] {
        bindings.sorted { $0.value.sequence < $1.value.sequence }
            .map { $0.value.binding.listing(hash: $0.key.hash) }
    }

    /// Lists the sessions with their state, oldest first.
    func sessionListing() -> [JSONValue] {
        sessionOrder.elements.compactMap { key in
            sessions[key].map { active in
                .object(["hash": .string(key), "state": .string(active ? "active" : "ended")])
            }
        }
    }

    /// Appends fault steps, or returns false and appends none when they would pass the limit.
    func addFaults(_ steps: [FaultStep]) -> Bool {
        guard faults.count + steps.count <= Self.maxPendingFaults else { return false }
        faults.append(contentsOf: steps)
        return true
    }

    /// Lists the fault steps still waiting, next first.
    func pendingFaults() -> [JSONValue] {
        faults.map { step in
            guard case .object(var fields) = step.note else { return step.note }
            fields["repeat"] = .integer(step.repeatCount)
            return .object(fields)
        }
    }

    /// Drops the fault steps still waiting.
    func clearFaults() {
        faults.removeAll()
    }

    /// Goes back to the state at start: only the command line's sessions, active, and no
    /// tokens, recorded calls or faults.
    func reset() {
        sessions.removeAll()
        sessionOrder.removeAll()
        bindings.removeAll()
        requests.removeAll()
        faults.removeAll()
        for hash in initialSessions { addSession(hash) }
    }

    private static func randomHash() -> SessionHash {
        let digits = Array("0123456789abcdef".utf8)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<SessionHash.length).map { _ in
            digits[Int(generator.next() % 16)]
        }
        return SessionHash(String(decoding: bytes, as: UTF8.self))!
    }
}
