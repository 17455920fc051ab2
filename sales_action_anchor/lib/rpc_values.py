"""What every Odoo client can read: XML-RPC cannot carry None, so a figure
with nothing to divide is False, as Odoo's own fields answer for "no value"."""


def rpc_safe(value):
    """``value`` with every None, at any depth of dicts, lists and tuples, made False."""
    if value is None:
        return False
    if isinstance(value, dict):
        return {key: rpc_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [rpc_safe(item) for item in value]
    return value
