import gevent
from bottle import Bottle

app = Bottle()


def slow_operation(name):
    gevent.sleep(0.2)  # stands in for a database query or an HTTP call
    return name


@app.get("/both")
def both():
    jobs = [gevent.spawn(slow_operation, "first"), gevent.spawn(slow_operation, "second")]
    gevent.joinall(jobs)
    return {"results": [job.value for job in jobs]}
