// seed-migrate: the migration program of the seed's users and posts, as `retort-migrate init`
// lays one out (main.cpp, versions/). Try:
//   seed-migrate --url sqlite:///app.db upgrade head
//   seed-migrate --url sqlite:///app.db history --verbose
//   seed-migrate --url sqlite:///app.db downgrade -1
#include <retort/migrate/main.hpp>

#include "schema.hpp"

int main(int argc, char** argv) { return retort::migrate::main(argc, argv, examples::migrated::tables); }
