"""The package's own error class."""


class ChainruleError(ValueError):
    """Bad input: a spec, data, argument or file that chainrule cannot use.

    The message is one line naming the bad value and what was expected; the CLI
    prints it and exits with status 2.
    """
