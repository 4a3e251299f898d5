from tests.api.conftest import api, token_client  # noqa: F401 - the API fixtures, for the members' API tests
