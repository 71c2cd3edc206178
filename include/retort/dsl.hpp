#pragma once
// The header-only part of retort: schema, expressions, statements and their SQL text.
// Needs no driver and no library (retort-headers dependency).
#include <retort/core/fixed_string.hpp>
#include <retort/core/type_list.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/schema/constraints.hpp>
#include <retort/schema/column.hpp>
#include <retort/schema/table.hpp>
#include <retort/expr/expression.hpp>
#include <retort/expr/parameter.hpp>
#include <retort/expr/comparison.hpp>
#include <retort/expr/arithmetic.hpp>
#include <retort/expr/logical.hpp>
#include <retort/expr/is_null.hpp>
#include <retort/expr/like.hpp>
#include <retort/expr/between.hpp>
#include <retort/expr/in_list.hpp>
#include <retort/expr/order.hpp>
#include <retort/expr/label.hpp>
#include <retort/expr/assignment.hpp>
#include <retort/stmt/select.hpp>
#include <retort/stmt/insert.hpp>
#include <retort/stmt/update.hpp>
#include <retort/stmt/delete.hpp>
#include <retort/render/sql_text.hpp>
