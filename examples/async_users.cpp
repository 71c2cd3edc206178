// Section 3 of the seed, "Async SQLAlchemy for High Concurrency", one to one: an async
// engine with a pool of 20 (+40 overflow), create_user, get_user_by_username and
// get_users_with_posts (the posts loaded with one extra IN query, as selectinload does), and
// main() running them on an event loop. The statements are the synchronous engine's.
//
//   async_users [DATABASE_URL]     default: sqlite:///async_users.db
#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <retort/async/all.hpp>
#include <retort/retort.hpp>

#include "support/run_example.hpp"
#include "support/seed_schema.hpp"

namespace asio = boost::asio;
using namespace retort;
using examples::posts;
using examples::users;

namespace {

// async def create_user(username, email): ... await session.commit(); return user
asio::awaitable<std::int32_t> create_user(async_engine& engine, std::string username, std::string email) {
    auto conn = co_await engine.begin();
    auto result = co_await conn.execute(insert(users).values(users.username = username, users.email = email));
    co_await conn.commit();
    co_return result.inserted_primary_key();
}

// async def get_user_by_username(username): ... return result.scalar_one_or_none()
asio::awaitable<std::optional<std::string>> get_user_by_username(async_engine& engine, std::string username) {
    auto conn = co_await engine.connect();
    auto result = co_await conn.execute(select(users.email).where(users.username == username));
    co_return result.scalar_one_or_none();
}

// async def get_users_with_posts(): select(User).options(selectinload(User.posts))
asio::awaitable<void> get_users_with_posts(async_engine& engine) {
    auto conn = co_await engine.connect();
    auto all_users = (co_await conn.execute(select(users.id, users.username).order_by(users.id))).all();
    std::vector<std::int32_t> ids;
    for (const auto& user : all_users) ids.push_back(user.id);
    std::map<std::int32_t, int> post_count;
    if (!ids.empty())  // the one extra query: every user's posts at once
        for (std::int32_t author : (co_await conn.execute(select(posts.user_id).where(posts.user_id.in_(ids)))).scalars())
            ++post_count[author];
    for (const auto& user : all_users) std::cout << user.username << " has " << post_count[user.id] << " posts\n";
}

asio::awaitable<void> create_tables(async_engine& engine) {
    auto conn = co_await engine.connect();
    for (const auto& sql : examples::seed_tables.drop_statements(engine.dialect())) co_await conn.exec_driver_sql(sql);
    for (const auto& sql : examples::seed_tables.create_statements(engine.dialect())) co_await conn.exec_driver_sql(sql);
}

// async def main()
asio::awaitable<void> async_main(async_engine& engine) {
    co_await create_tables(engine);  // a clean start: the example can run again
    const std::int32_t id = co_await create_user(engine, "async_user", "async@example.com");
    std::cout << "Created async_user with id " << id << '\n';
    auto found = co_await get_user_by_username(engine, "async_user");
    std::cout << "Found async_user: " << found.value_or("(none)") << '\n';
    {
        auto conn = co_await engine.begin();
        co_await conn.execute(insert(posts).values(posts.title = "Hello", posts.content = "from a coroutine",
                                                   posts.user_id = id));
        co_await conn.commit();
    }
    co_await get_users_with_posts(engine);
}

}  // namespace

int main(int argc, char** argv) {
    return examples::run_example(argc, argv, "sqlite:///async_users.db", [](const std::string& url) {
        // asyncio.run(main()): an event loop runs the coroutine to its end.
        asio::io_context io;
        auto engine = create_async_engine(io, url, {.pool_size = 20, .max_overflow = 40});
        std::exception_ptr failure;
        asio::co_spawn(io, async_main(engine), [&](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure) std::rethrow_exception(failure);
    });
}
