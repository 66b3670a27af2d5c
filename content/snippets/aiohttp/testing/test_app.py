from app import init_app


async def test_hello(aiohttp_client):
    client = await aiohttp_client(init_app())
    response = await client.get("/")
    assert response.status == 200
    assert await response.json() == {"message": "Hello, World!"}
