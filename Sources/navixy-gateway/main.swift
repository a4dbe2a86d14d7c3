print("navixy-gateway")
