import HTTPFront

/// The simulator's HTTP handler: `/v2/` goes to the Navixy API and `/_sim/` to the control API.
struct SimulatorHandler: HTTPHandler {
    /// The Navixy user API actions.
    let navixy: NavixyAPI
    /// The control API for tests and developers.
    let control: ControlAPI

    /// Creates a handler whose two APIs share `state`.
    init(state: SimulatorState) {
        navixy = NavixyAPI(state: state)
        control = ControlAPI(state: state)
    }

    /// Lets every request through: the simulator responds to everything after reading the body.
    func screen(_ head: HTTPRequestHead) -> HTTPResponse? { nil }

    /// Navixy's code 9 with HTTP 412 for a Navixy call, a plain 413 for a control call.
    ///
    /// NOTE: such a call reaches neither `/_sim/requests` nor a fault step, because this
    /// response is sent before the body is read and without the state.
    func bodyTooLarge(_ head: HTTPRequestHead) -> HTTPResponse {
        if head.path.hasPrefix(ControlAPI.pathPrefix) {
            return JSONResponse.controlError(status: 413, "the body is too large")
        }
        return JSONResponse.navixyFailure(.requestTooLarge)
    }

    /// Routes the request by its path prefix.
    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let path = request.head.path
        if path.hasPrefix(NavixyAPI.pathPrefix) {
            return await navixy.respond(to: request)
        }
        if path.hasPrefix(ControlAPI.pathPrefix) {
            return await control.respond(to: request)
        }
        return JSONResponse.controlError(
            status: 404, "not found: Navixy actions are under /v2/, control calls under /_sim/")
    }
}
