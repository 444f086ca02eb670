class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__()
        self.msg = msg
        self.code = code

    def __str__(self):
        return self.msg + " (" + str(self.code) + ")"


class NotFound(AppError):
    pass


def find(k):
    raise NotFound("missing " + k, 404)
