"""The analysts' morning email: render (pure), send (SMTP, outbox, memory), deliver (exactly once).

`render.render_digest(pending, health=..., fx_to_usd=..., today=...) -> Digest` builds the
subject, plain text and HTML; `deliver.send_digest(engine, transport, ...)` reconciles,
records, sends and marks; `send.SmtpTransport` / `send.OutboxTransport` hand messages over.
"""
