"""QR check-in on a session's day and the printable room posters."""
