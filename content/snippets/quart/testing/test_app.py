from app import app


async def test_hello():
    client = app.test_client()
    response = await client.get("/")
    assert response.status_code == 200
    assert await response.get_json() == {"message": "Hello, World!"}
