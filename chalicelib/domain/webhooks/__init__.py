"""Outbound webhooks, pure: thin events, the SSRF address policy, the retry schedule."""
