// Seed section 6, "Query Optimization and N+1 Prevention": counting each user's posts
// with one query per user (N+1), with one join (the seed's joinedload), with one IN query
// (selectinload), and the users with more than five posts (GROUP BY ... HAVING). An
// execute event counts the statements each way costs.
//
//   queries [DATABASE_URL]     default: sqlite:///queries.db
#include <cstdint>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <retort/retort.hpp>

#include "support/check.hpp"
#include "support/run_example.hpp"
#include "support/seed_schema.hpp"

using namespace retort;
using examples::check;
using examples::posts;
using examples::users;

namespace {

using post_counts = std::map<std::string, std::int64_t>;  // username -> posts

const post_counts expected_counts{{"alice", 7}, {"bob", 3}, {"carol", 6}, {"dave", 0}};

void add_users_and_posts(engine& engine) {
    engine.transaction([](connection& tx) {
        for (const auto& [username, post_total] : expected_counts) {
            const auto id =
                tx.execute(insert(users).values(users.username = username, users.email = username + "@example.com"))
                    .inserted_primary_key();
            for (std::int64_t n = 1; n <= post_total; ++n)
                tx.execute(insert(posts).values(posts.title = username + "'s post " + std::to_string(n),
                                                posts.content = "...", posts.user_id = id));
        }
    });
}

void print_counts(const post_counts& counts) {
    for (const auto& [username, n] : counts) std::cout << "  " << username << " has " << n << " posts\n";
}

// One query for the users, then one more for each user's posts.
post_counts n_plus_one(connection& conn) {
    post_counts counts;
    for (const auto& user : conn.execute(select(users.id, users.username).order_by(users.id)).all())
        counts[user.username] =
            conn.execute(select(count(posts.id)).where(posts.user_id == user.id)).scalar_one();
    return counts;
}

// One query: users LEFT OUTER JOIN posts (ON from the foreign key). A user without posts
// comes back once, with NULL post columns (read as std::optional).
post_counts joined(connection& conn) {
    post_counts counts;
    for (const auto& row :
         conn.execute(select(users.username, posts.id).select_from(users.outerjoin(posts)).order_by(users.id)))
        counts[row.username] += row.id.has_value() ? 1 : 0;  // the post's id, NULL for dave
    return counts;
}

// Two queries: the users, then every post of those users at once with IN (a list whose
// length is known only at run time, each value a bound parameter).
post_counts select_in(connection& conn) {
    std::map<std::int32_t, std::string> names;
    std::vector<std::int32_t> ids;
    for (const auto& user : conn.execute(select(users.id, users.username)).all()) {
        names[user.id] = user.username;
        ids.push_back(user.id);
    }
    post_counts counts;
    for (const auto& [id, name] : names) counts[name] = 0;
    for (std::int32_t author : conn.execute(select(posts.user_id).where(posts.user_id.in_(ids))).scalars())
        ++counts[names.at(author)];
    return counts;
}

template <class Strategy>
void compare(connection& conn, const char* name, const int& statements, Strategy strategy) {
    const int before = statements;
    const post_counts counts = strategy(conn);
    const int used = statements - before;
    std::cout << name << ": " << used << (used == 1 ? " statement\n" : " statements\n");
    print_counts(counts);
    check(counts == expected_counts, std::string(name) + " counts every user's posts");
}

void queries(const std::string& url) {
    auto engine = create_engine(url);
    int statements = 0;
    engine.on_before_execute([&](const statement_info&) { ++statements; });
    examples::seed_tables.drop_all(engine);
    examples::seed_tables.create_all(engine);
    add_users_and_posts(engine);

    auto conn = engine.connect();
    const int users_total = static_cast<int>(expected_counts.size());

    int before = statements;
    compare(conn, "N+1 (one query per user)", statements, n_plus_one);
    check(statements - before == users_total + 1, "N+1 runs one statement per user and one more");
    before = statements;
    compare(conn, "joined (users LEFT OUTER JOIN posts)", statements, joined);
    check(statements - before == 1, "the join is one statement");
    before = statements;
    compare(conn, "select IN (users, then posts WHERE user_id IN (...))", statements, select_in);
    check(statements - before == 2, "select IN is two statements");

    // The seed's users_with_stats.
    auto stats = select(users.username, count(posts.id).as<"post_count">())
                     .select_from(users.outerjoin(posts))
                     .group_by(users.id, users.username)
                     .having(count(posts.id) > 5)
                     .order_by(users.username);
    std::cout << "users with more than 5 posts:\n  SQL: " << sql_text(engine.dialect(), stats) << '\n';
    std::vector<std::pair<std::string, std::int64_t>> busy;
    for (const auto& row : conn.execute(stats)) {
        std::cout << "  " << row.username << ' ' << row.get<"post_count">() << '\n';
        busy.emplace_back(row.username, row.get<"post_count">());
    }
    check(busy == std::vector<std::pair<std::string, std::int64_t>>{{"alice", 7}, {"carol", 6}},
          "alice and carol have more than five posts");
}

}  // namespace

int main(int argc, char** argv) { return examples::run_example(argc, argv, "sqlite:///queries.db", queries); }
