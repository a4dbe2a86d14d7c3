import HTTPFront
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCase() {
        let headers = HTTPHeaders([(name: "Content-Type", value: "application/json")])
        #expect(headers["content-type"] == "application/json")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers["Content-Length"] == nil)
    }

    @Test func valuesKeepArrivalOrder() {
        var headers = HTTPHeaders()
        headers.add(name: "X-Tag", value: "a")
        headers.add(name: "Other", value: "o")
        headers.add(name: "x-tag", value: "b")
        #expect(headers.values(for: "X-TAG") == ["a", "b"])
        #expect(headers["x-tag"] == "a")
        #expect(headers.map(\.name) == ["X-Tag", "Other", "x-tag"])
    }

    @Test func replaceOrAddKeepsOneField() {
        var headers = HTTPHeaders([
            (name: "A", value: "1"), (name: "B", value: "2"), (name: "a", value: "3"),
        ])
        headers.replaceOrAdd(name: "A", value: "9")
        #expect(headers.values(for: "a") == ["9"])
        #expect(headers.map(\.name) == ["A", "B"])

        headers.replaceOrAdd(name: "C", value: "4")
        #expect(headers.map(\.name) == ["A", "B", "C"])
        #expect(headers["c"] == "4")
    }

    @Test func headSplitsTargetAtFirstQuestionMark() {
        let head = HTTPRequestHead(
            method: "GET", target: "/a%2Fb?x=1?y", version: "HTTP/1.1", headers: HTTPHeaders())
        #expect(head.path == "/a%2Fb")
        #expect(head.query == "x=1?y")

        let bare = HTTPRequestHead(
            method: "GET", target: "/a", version: "HTTP/1.1", headers: HTTPHeaders())
        #expect(bare.path == "/a")
        #expect(bare.query == nil)
    }

    @Test func dropConnectionIsMarked() {
        #expect(HTTPResponse.dropConnection.dropsConnection)
        #expect(!HTTPResponse(status: 200).dropsConnection)
    }
}
