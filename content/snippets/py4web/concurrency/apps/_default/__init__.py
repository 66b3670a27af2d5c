import time
from concurrent.futures import ThreadPoolExecutor

from py4web import action


def slow_operation(name):
    time.sleep(0.2)
    return name


@action("both")
def both():
    with ThreadPoolExecutor() as pool:
        first, second = pool.map(slow_operation, ["first", "second"])
    return {"results": [first, second]}
