import GatewayCore
import Testing

@Test(arguments: [
    ("android", Application.androidViewer), ("navixy_android_viewer", .androidViewer),
    ("ios", .iphoneViewer), ("iphone", .iphoneViewer), ("navixy_iphone_viewer", .iphoneViewer),
    ("web", .w3cPushAPI), ("webpush", .w3cPushAPI), ("w3c", .w3cPushAPI),
    ("w3c_pushapi", .w3cPushAPI),
])
func applicationAcceptsEachSpelling(spelling: String, expected: Application) {
    #expect(Application(callerSpelling: spelling) == expected)
}

@Test(arguments: [
    (" Android ", Application.androidViewer), ("NAVIXY-ANDROID-VIEWER", .androidViewer),
    ("Navixy_iPhone-Viewer", .iphoneViewer), ("\tIOS\n", .iphoneViewer),
    ("W3C-PushAPI", .w3cPushAPI), ("WebPush", .w3cPushAPI),
])
func applicationIgnoresCaseSpacesAndDashes(spelling: String, expected: Application) {
    #expect(Application(callerSpelling: spelling) == expected)
}

@Test(arguments: [
    "", " ", "androids", "web push", "w3c__pushapi", "navixy android viewer", "apple",
    "navixy_web_viewer", "ıos", "ＩＯＳ",
])
func applicationRejectsOtherSpellings(spelling: String) {
    #expect(Application(callerSpelling: spelling) == nil)
}

@Test func applicationSendsNavixyIDs() {
    #expect(Application.androidViewer.navixyID == "navixy_android_viewer")
    #expect(Application.iphoneViewer.navixyID == "navixy_iphone_viewer")
    #expect(Application.w3cPushAPI.navixyID == "w3c_pushapi")
}

@Test func applicationAcceptsEveryListedSpelling() {
    for spelling in Application.acceptedSpellings {
        #expect(Application(callerSpelling: spelling) != nil, "\(spelling)")
    }
    #expect(Application.acceptedSpellings.count == 9)
}
