list(APPEND MW_CORE_SOURCES
  quality/Proportion.cpp
  quality/ConfusionMatrix.cpp
  quality/ClassificationReport.cpp
  quality/ScoreSort.cpp
  quality/BinaryCurve.cpp
  quality/FeedFields.cpp
  quality/FeedJsonLine.cpp
  quality/FeedCsvLine.cpp
  quality/FeedParser.cpp
  quality/IdIndex.cpp
  quality/PredictionJoiner.cpp
  quality/RankingReport.cpp
  quality/QualityWindow.cpp
)
list(APPEND MW_CORE_SOURCES
  quality/QualityPipeline.cpp
  quality/QualityQueries.cpp
)
