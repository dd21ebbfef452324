"""Services behind the routers: the work a request asks for, free of HTTP."""
