"""HelpDesk, a small support agent for a cloud console, written as a Python function target.

simsim runs reply(messages, context) in a long-lived python3 process and calls it for every user
message with the whole conversation so far. The agent searches a tiny help center and returns
its answer with the search as a tool call, so follow-up questions can be about what it found.
"""

ARTICLES = {
    "password": "To reset your password, open Settings, then Security, and choose Reset password. "
    "A reset link is emailed to you and expires after 24 hours. Accounts with two-factor authentication "
    "also need a code from the authenticator app.",
    "two-factor": "Two-factor authentication is turned on under Settings, then Security. "
    "When you turn it on you get ten recovery codes; keep them somewhere safe.",
    "recovery": "Each recovery code works once. When all are used, generate new ones under Security, "
    "or open a support ticket if you are locked out.",
    "ticket": "Support tickets are answered within one business day; urgent tickets within four hours.",
    "gpu": "GPU instances are available in the us-east and eu-west regions. "
    "They are billed per second, with a one-minute minimum.",
    "billing": "Billing is per second for compute and per gigabyte-month for storage. "
    "Invoices are sent on the first day of each month.",
    "region": "The console supports the us-east, us-west and eu-west regions; data stays in the region you choose.",
}

KEYWORDS = {
    "password": ["password", "reset", "log in", "login"],
    "two-factor": ["two-factor", "authenticator", "2fa", "authentication"],
    "recovery": ["recovery", "codes", "locked"],
    "ticket": ["ticket", "support"],
    "gpu": ["gpu", "graphics"],
    "billing": ["billing", "billed", "invoice", "minimum", "cost"],
    "region": ["region", "regions", "us-east", "eu-west"],
}


def search(query):
    text = query.lower()
    scored = [(sum(text.count(k) for k in words), name) for name, words in KEYWORDS.items()]
    best = max(scored)
    return None if best[0] == 0 else best[1]


def reply(messages, context):
    question = messages[-1]["content"]
    found = search(question)
    call = {"name": "search_help_center", "arguments": {"query": question}}
    if found is None:
        return {
            "content": "I could not find that in the help center. Could you ask about passwords, billing, regions or GPUs?",
            "tool_calls": [{**call, "output": "no article found"}],
        }
    article = ARTICLES[found]
    first = article.split(". ")[0].rstrip(".") + "."
    return {"content": first, "tool_calls": [{**call, "output": article}]}
