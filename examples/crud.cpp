// Seed section 2, "Declarative Models", done the Core way: the User/Post tables, with the
// relationship as a foreign key (posts.user_id references users.id) followed by a join;
// create, read (.first() of a filter), update, delete; rows read into a plain struct
// (all<T>() / first<T>()); and the seed's "Repository Pattern" built on retort statements.
//
//   crud [DATABASE_URL]     default: sqlite:///crud.db
#include <cstdint>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
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

// A user as the application sees it: every member is a column of users, by name and type.
struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int32_t, id), (std::string, username), (std::string, email),
                             (std::optional<std::int32_t>, age));
};

// The seed's User.__repr__.
std::ostream& operator<<(std::ostream& out, const user& u) {
    return out << "<User(username=" << u.username << ", email=" << u.email << ")>";
}

// --- create, read, update, delete with statements ---------------------------------------

void crud_with_statements(engine& engine) {
    auto conn = engine.connect();

    // Create
    auto created = conn.execute(
        insert(users).values(users.username = "jane_doe", users.email = "jane@example.com", users.age = 28));
    conn.commit();
    const std::int32_t jane_id = created.inserted_primary_key();
    std::cout << "Created user " << jane_id << '\n';

    // Read: the first row of a filter, straight into the struct
    std::optional<user> found = conn.execute(select(users).where(users.username == "jane_doe")).first<user>();
    check(found.has_value(), "jane_doe was found");
    std::cout << "Found user: " << *found << ", age " << found->age.value_or(0) << '\n';

    // The relationship: a post whose author is jane, read back with its author by a join
    // whose ON clause comes from the foreign key.
    conn.execute(insert(posts).values(posts.title = "Hello", posts.content = "My first post", posts.user_id = jane_id));
    conn.commit();
    auto with_author = conn.execute(select(posts.title, users.username).select_from(posts.join(users))).one();
    std::cout << "Post '" << with_author.title << "' by " << with_author.username << '\n';
    check(with_author.username == "jane_doe", "the post's author is jane_doe");

    // Update
    auto updated = conn.execute(update(users).set(users.age = 29).where(users.id == jane_id));
    conn.commit();
    const auto age = conn.execute(select(users.age).where(users.id == jane_id)).scalar_one();
    std::cout << "Updated " << updated.rowcount() << " user: age is now " << age.value_or(0) << '\n';
    check(age == 29, "the age was updated");

    // Delete: Core has no ORM cascade, so the posts go first (the foreign key insists).
    conn.execute(delete_from(posts).where(posts.user_id == jane_id));
    auto deleted = conn.execute(delete_from(users).where(users.id == jane_id));
    conn.commit();
    std::cout << "Deleted " << deleted.rowcount() << " user\n";
    check(!conn.execute(select(users).where(users.id == jane_id)).first().has_value(), "jane_doe is gone");
}

// --- the repository pattern --------------------------------------------------------------

class user_repository {
public:
    virtual ~user_repository() = default;
    virtual std::optional<user> get_by_id(std::int32_t user_id) = 0;
    virtual std::optional<user> get_by_username(const std::string& username) = 0;
    virtual user create(user new_user) = 0;
    virtual user update(const user& changed) = 0;
    virtual void remove(std::int32_t user_id) = 0;  // the seed's delete(): a C++ keyword
};

// Works inside the caller's transaction (the seed's session.flush()); whoever made the
// connection commits.
class retort_user_repository : public user_repository {
public:
    explicit retort_user_repository(connection& conn) : conn_(conn) {}

    std::optional<user> get_by_id(std::int32_t user_id) override {
        return conn_.execute(select(users).where(users.id == user_id)).first<user>();
    }
    std::optional<user> get_by_username(const std::string& username) override {
        return conn_.execute(select(users).where(users.username == username)).first<user>();
    }
    user create(user new_user) override {
        new_user.id = conn_
                          .execute(insert(users).values(users.username = new_user.username,
                                                        users.email = new_user.email, users.age = new_user.age))
                          .inserted_primary_key();
        return new_user;
    }
    user update(const user& changed) override {
        auto result = conn_.execute(retort::update(users)
                                        .set(users.username = changed.username, users.email = changed.email,
                                             users.age = changed.age)
                                        .where(users.id == changed.id));
        if (result.rowcount() != 1) throw no_result_found("no user with id " + std::to_string(changed.id));
        return changed;
    }
    void remove(std::int32_t user_id) override {
        if (get_by_id(user_id)) conn_.execute(delete_from(users).where(users.id == user_id));
    }

private:
    connection& conn_;
};

// The seed's create_user_service: one transaction around the repository's work.
user create_user_service(engine& engine, const std::string& username, const std::string& email) {
    return engine.transaction([&](connection& tx) {
        retort_user_repository repo(tx);
        return repo.create(user{0, username, email, std::nullopt});
    });
}

void repository_pattern(engine& engine) {
    const user alice = create_user_service(engine, "alice", "alice@example.com");
    std::cout << "Repository created " << alice << " with id " << alice.id << '\n';

    engine.transaction([&](connection& tx) {
        retort_user_repository repo(tx);
        user found = repo.get_by_username("alice").value();
        check(found.id == alice.id, "get_by_username finds the created user");
        found.age = 41;
        repo.update(found);
        check(repo.get_by_id(alice.id)->age == 41, "update changed the age");
        std::cout << "Repository updated alice: age " << repo.get_by_id(alice.id)->age.value_or(0) << '\n';
    });

    {
        // Every user, read into the struct. The connection goes back to the pool at the end
        // of the block (an in-memory database has just one).
        auto conn = engine.connect();
        const std::vector<user> everyone = conn.execute(select(users).order_by(users.id)).all<user>();
        std::cout << "All users:";
        for (const auto& u : everyone) std::cout << ' ' << u;
        std::cout << '\n';
        check(everyone.size() == 1, "one user is left: alice");
    }

    engine.transaction([&](connection& tx) { retort_user_repository(tx).remove(alice.id); });
    auto conn = engine.connect();
    check(!retort_user_repository(conn).get_by_id(alice.id), "remove deleted alice");
    std::cout << "Repository removed alice\n";
}

void crud(const std::string& url) {
    auto engine = create_engine(url);
    examples::seed_tables.drop_all(engine);
    examples::seed_tables.create_all(engine);
    std::cout << "== CRUD with statements ==\n";
    crud_with_statements(engine);
    std::cout << "== Repository pattern ==\n";
    repository_pattern(engine);
}

}  // namespace

int main(int argc, char** argv) { return examples::run_example(argc, argv, "sqlite:///crud.db", crud); }
