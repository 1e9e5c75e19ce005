"""Pages of accounts: authentication and own profile (auth), user and team management."""
