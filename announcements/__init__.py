"""Announced sessions: sign-up with capacity and waiting list, calendar files and feeds, and the
结果公示 period with residents' comments."""
