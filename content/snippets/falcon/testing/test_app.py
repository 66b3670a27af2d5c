import pytest
from falcon import testing

from app import app


@pytest.fixture
def client():
    return testing.TestClient(app)


def test_hello(client):
    result = client.simulate_get("/")

    assert result.status_code == 200
    assert result.json == {"message": "Hello, World!"}
