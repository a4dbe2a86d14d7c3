-- wrk script: the same bind sent through nginx proxy_pass, already in Navixy's form.
wrk.method = "POST"
wrk.path = "/v2/user/session/push_token/bind"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"hash":"22eac1c27af4be7b9d04da2ce1af111b","application":"navixy_android_viewer",'
    .. '"token":"f4be7b9d04da2ce1af111b","category_filter":"chat_message,history_rule"}'
