"""The debtor's self-service portal (issue 13): links, verification and sessions, the pages'
content, the debtor's acts. Every act goes through the one write path (services/cases)."""
