"""The read-only public API (Django REST framework) and its OpenAPI schema."""
