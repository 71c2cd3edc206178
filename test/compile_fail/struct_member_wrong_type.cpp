// age is nullable: it reads as std::optional<int>, not int.
// expect: retort: a struct member's type differs from its column's type (nullable columns read as std::optional)
#include <string>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

struct user_age {
    BOOST_HANA_DEFINE_STRUCT(user_age, (std::string, username), (int, age));
};

std::vector<user_age> ages(retort::connection& conn) {
    return conn.execute(select(users.username, users.age)).all<user_age>();
}
