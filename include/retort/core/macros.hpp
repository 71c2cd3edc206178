#pragma once
// Preprocessor helpers. RETORT_DEPAREN lets a macro argument that contains commas be
// passed in parentheses: RETORT_COLUMN(price, (numeric<10, 2>), not_null).
#define RETORT_DEPAREN(X) RETORT_DEPAREN_ESC(RETORT_DEPAREN_ISH X)
#define RETORT_DEPAREN_ISH(...) RETORT_DEPAREN_ISH __VA_ARGS__
#define RETORT_DEPAREN_ESC(...) RETORT_DEPAREN_ESC_(__VA_ARGS__)
#define RETORT_DEPAREN_ESC_(...) RETORT_DEPAREN_VAN##__VA_ARGS__
#define RETORT_DEPAREN_VANRETORT_DEPAREN_ISH
