#pragma once
// Everything: the DSL (retort/dsl.hpp) and the engine that runs it.
#include <retort/dsl.hpp>
#include <retort/core/errors.hpp>
#include <retort/engine/engine.hpp>
#include <retort/engine/result.hpp>
#include <retort/engine/result_printing.hpp>
#include <retort/result/row_mapping.hpp>
#include <retort/result/row_printing.hpp>
#include <retort/engine/execute.hpp>
#include <retort/engine/execute_many.hpp>
#include <retort/engine/dialect_engine.hpp>
#include <retort/engine/routing_engine.hpp>
