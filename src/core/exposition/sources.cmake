list(APPEND MW_CORE_SOURCES
  exposition/StringArena.cpp
  exposition/ParseResult.cpp
  exposition/Lexer.cpp
  exposition/ParserBase.cpp
  exposition/PromTextParser.cpp
  exposition/OpenMetricsParser.cpp
  exposition/MetricPointChecker.cpp
  exposition/MetricSequence.cpp
  exposition/ExpositionParser.cpp
  exposition/Gzip.cpp
)
