-- wrk script: the same POST shape against the trivial view.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "score=9&comment=Benchmark+Kommentar"
wrk.path = "/bench/ping/"
