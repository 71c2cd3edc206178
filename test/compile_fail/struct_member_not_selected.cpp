// A struct member (email) that the SELECT does not select.
// expect: retort: a member of the struct is not among the selected columns (same name needed)
#include <string>
#include <vector>

#include <retort/retort.hpp>

#include "schema.hpp"

using namespace app;

struct user_card {
    BOOST_HANA_DEFINE_STRUCT(user_card, (std::string, username), (std::string, email));
};

std::vector<user_card> cards(retort::connection& conn) {
    return conn.execute(select(users.id, users.username)).all<user_card>();
}
