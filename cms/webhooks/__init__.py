"""Webhooks: partner endpoints registered in the admin receive signed events (Standard Webhooks)."""
