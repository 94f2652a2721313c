# PromQL: the syntax tree, lexer, parser, type checks and printer, the
# function table, and the local evaluator over the series store.
list(APPEND MW_CORE_SOURCES
  promql/Ast.cpp
  promql/Functions.cpp
  promql/PromqlChecker.cpp
  promql/PromqlFormat.cpp
  promql/PromqlLexer.cpp
  promql/PromqlLexerLiterals.cpp
  promql/PromqlParser.cpp
  promql/PromqlParserLiterals.cpp
  promql/PromqlParserModifiers.cpp
  promql/PromqlParserTerms.cpp
  promql/PromqlRegex.cpp
  promql/PromqlText.cpp
  promql/Engine.cpp
  promql/EngineAggregate.cpp
  promql/EngineBinary.cpp
  promql/EngineEvaluator.cpp
  promql/EngineFunctions.cpp
  promql/EngineQueryable.cpp
  promql/EngineStoreQueryable.cpp
)

# RE2 (label matcher regular expressions). Debian's libre2-dev ships a
# pkg-config file but no CMake package configuration.
find_package(re2 CONFIG QUIET)
if(TARGET re2::re2)
  target_link_libraries(modelwatch_core PRIVATE re2::re2)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(MW_RE2 REQUIRED IMPORTED_TARGET re2)
  target_link_libraries(modelwatch_core PRIVATE PkgConfig::MW_RE2)
endif()
