-- wrk script: bind a push token through the gateway for one stored subject.
wrk.method = "PUT"
wrk.path = "/v1/subjects/bench-subject/push-token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"application":"android","token":"f4be7b9d04da2ce1af111b",'
    .. '"categories":["chat_message","history_rule"]}'
