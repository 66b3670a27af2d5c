import time
from concurrent.futures import ThreadPoolExecutor

from masonite.controllers import Controller


def slow_operation(name):
    time.sleep(0.2)
    return name


class SlowController(Controller):
    def both(self):
        with ThreadPoolExecutor() as pool:
            first, second = pool.map(slow_operation, ["first", "second"])
        return {"results": [first, second]}
