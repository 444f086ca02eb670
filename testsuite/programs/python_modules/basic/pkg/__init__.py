print("loading pkg")
