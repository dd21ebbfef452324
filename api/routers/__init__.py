"""One router per resource: check the parameters, call a service or a named query, convert.

No router imports another; what two routers share lives in :mod:`api.params`,
:mod:`api.negotiation`, :mod:`api.convert` or a service.
"""
