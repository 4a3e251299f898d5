import pytest
from rest_framework.test import APIClient

from accounts.services import api_token_issue


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def token_client():
    """`token_client(user)`: an API client that sends the user's token."""

    def make(user):
        client = APIClient()
        if user is not None:
            _token, key = api_token_issue(user=user, name="测试")
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
