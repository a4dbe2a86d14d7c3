print("navixy-sim")
