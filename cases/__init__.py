"""Model cases (典型案例) made from resolved issues or sessions, for visiting delegations."""
