"""Accounts in the window: sign-in, the first administrator, the lock screen, the idle
lock, 修改密码 and the administrator's 账户管理 (services/accounts.py does the work)."""
