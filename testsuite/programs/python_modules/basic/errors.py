class ConfigError(ValueError):
    """A bad setting, with the key it was found under."""

    def __init__(self, key, reason):
        super().__init__()
        self.key = key
        self.reason = reason

    def __str__(self):
        return self.key + ": " + self.reason


class MissingKey(ConfigError):
    pass


def lookup(settings, key):
    if key not in settings:
        raise MissingKey(key, "not set")
    return settings[key]
