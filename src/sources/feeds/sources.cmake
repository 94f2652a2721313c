# Labeled-prediction feed sources: a file tailer and an HTTP poller, both
# handing parsed batches (quality/FeedParser.h) to a QualityPipeline.
list(APPEND MW_SOURCES_SOURCES
  feeds/FeedLogging.h
  feeds/FeedLogging.cpp
  feeds/FeedLineBuffer.h
  feeds/FeedLineBuffer.cpp
  feeds/FeedTailer.h
  feeds/FeedTailer.cpp
  feeds/FeedPollError.h
  feeds/FeedPollError.cpp
  feeds/FeedPoller.h
  feeds/FeedPoller.cpp
)
