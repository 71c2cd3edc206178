// A struct without BOOST_HANA_DEFINE_STRUCT / BOOST_HANA_ADAPT_STRUCT.
// expect: retort: to read rows into a struct, describe it with BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT
#include <string>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

struct user_name {
    std::string username;
};

std::vector<user_name> names(retort::connection& conn) {
    return conn.execute(select(users.username)).all<user_name>();
}
