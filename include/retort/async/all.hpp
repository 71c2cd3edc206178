#pragma once
// Everything of the asynchronous engine: create_async_engine, async_connection::execute, execute_many, streamed results.
#include <retort/async/async_connection.hpp>
#include <retort/async/async_engine.hpp>
#include <retort/async/buffered_result.hpp>
#include <retort/async/execute.hpp>
#include <retort/async/execute_many.hpp>
#include <retort/async/streamed_result.hpp>
