"""The migrations lab page: every migration of every app, read without changing anything."""
