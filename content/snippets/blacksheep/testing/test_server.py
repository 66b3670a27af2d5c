import pytest
import pytest_asyncio
from blacksheep.testing import TestClient

from server import app


@pytest_asyncio.fixture
async def test_client():
    # The application handles its start event, as under a real server.
    await app.start()
    yield TestClient(app)
    await app.stop()


@pytest.mark.asyncio
async def test_hello(test_client: TestClient) -> None:
    response = await test_client.get("/")

    assert response.status == 200
    assert await response.json() == {"message": "Hello, World!"}
