# Model-quality panels (ui/quality) and their data source (FeedBackend):
# a feed file with known figures, the demo server's drift seen by an alert
# rule, the score-bucket areas (ScoreBucketBackend) on the demo's scraped
# histograms, and the views' cell model, mapping and pixels.
if(TARGET modelwatch_quality_ui)
  mw_qt_test(tst_quality_feed_backend SOURCES tst_quality_feed_backend.cpp
             LIBS modelwatch_backends LABELS "gui;quality")
  mw_qt_test(tst_quality_views SOURCES tst_quality_views.cpp
             LIBS modelwatch_quality_ui LABELS "gui;quality")
  if(TARGET modelwatch_demo)
    mw_qt_test(tst_quality_feed_demo SOURCES tst_quality_feed_demo.cpp
               LIBS modelwatch_backends modelwatch_demo Qt6::Network LABELS "gui;quality;integration")
    set_tests_properties(tst_quality_feed_demo PROPERTIES TIMEOUT 120)
    mw_qt_test(tst_score_bucket_backend SOURCES tst_score_bucket_backend.cpp
               LIBS modelwatch_backends modelwatch_demo LABELS "gui;quality;integration")
    set_tests_properties(tst_score_bucket_backend PROPERTIES TIMEOUT 240)
  endif()
endif()
