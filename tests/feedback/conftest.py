import pytest

from exchange.feedback import domain

TEST_CLIENT_ADDRESS = "127.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_allowance():
    """Each test starts with the test client's address under the answer limit: the count lives
    in the cache, which outlives a test's rolled-back transaction."""
    domain.reset_allowance(address=TEST_CLIENT_ADDRESS)
    yield
    domain.reset_allowance(address=TEST_CLIENT_ADDRESS)
