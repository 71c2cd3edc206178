#pragma once
// Everything of the asynchronous engine: create_async_engine, async_connection::execute.
#include <retort/async/async_connection.hpp>
#include <retort/async/async_engine.hpp>
#include <retort/async/buffered_result.hpp>
#include <retort/async/execute.hpp>
