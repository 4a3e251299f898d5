import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def token_client():
    """`token_client(user)`: an API client that sends the user's token."""

    def make(user):
        client = APIClient()
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
