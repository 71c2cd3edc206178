// metadata's pictures of a schema: the Mermaid erDiagram and the DDL script per dialect.
#include <string>

#include <gtest/gtest.h>

#include <retort/stmt/metadata.hpp>

#include "schema/schema.hpp"

namespace {

using namespace retort;
using namespace retort::test_schema;

// The seed's two tables (docs/schema.md shows this diagram).
TEST(er_diagram, tables_columns_keys_and_relations) {
    EXPECT_EQ((metadata{posts, users}).mermaid(),
              "erDiagram\n"
              "    users {\n"
              "        INTEGER id PK\n"
              "        VARCHAR(50) username UK \"NOT NULL\"\n"
              "        VARCHAR(100) email \"NOT NULL\"\n"
              "        INTEGER age\n"
              "    }\n"
              "    posts {\n"
              "        INTEGER id PK\n"
              "        VARCHAR(200) title \"NOT NULL\"\n"
              "        TEXT content \"NOT NULL\"\n"
              "        INTEGER user_id FK \"NOT NULL\"\n"
              "    }\n"
              "    users ||--o{ posts : \"user_id\"\n");
}

struct people_table : table<people_table, "people"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(weight, double_precision);
};
inline constexpr people_table people;
using score_type = numeric<10, 2>;
struct profiles_table : table<profiles_table, "profiles"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(person_id, integer, unique, not_null, references(people.id));
    RETORT_COLUMN(mentor_id, integer, references(people.id));
    RETORT_COLUMN(score, score_type);
};
inline constexpr profiles_table profiles;

TEST(er_diagram, unique_and_nullable_keys_and_types_with_spaces) {
    EXPECT_EQ((metadata{people, profiles}).mermaid<sqlite>(),
              "erDiagram\n"
              "    people {\n"
              "        INTEGER id PK\n"
              "        DOUBLE_PRECISION weight\n"
              "    }\n"
              "    profiles {\n"
              "        INTEGER id PK\n"
              "        INTEGER person_id FK, UK \"NOT NULL\"\n"
              "        INTEGER mentor_id FK\n"
              "        NUMERIC(10_2) score\n"
              "    }\n"
              "    people ||--o| profiles : \"person_id\"\n"
              "    people |o--o{ profiles : \"mentor_id\"\n");
    EXPECT_NE(metadata{people}.mermaid<postgresql>().find("DOUBLE_PRECISION weight"), std::string::npos);
}

TEST(er_diagram, ddl_script_per_dialect) {
    std::string expected;
    for (const auto& sql : (metadata{users, posts}).create_statements<postgresql>(false)) expected += sql + ";\n";
    EXPECT_EQ((metadata{users, posts}).ddl<postgresql>(), expected);
    EXPECT_EQ((metadata{users, posts}).ddl(dialect_kind::sqlite, true).substr(0, 27), "CREATE TABLE IF NOT EXISTS ");
}

}  // namespace
