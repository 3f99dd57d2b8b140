"""WSGI entry point for gunicorn and `flask`: the application built by the factory."""
from app import create_app

app = create_app()
