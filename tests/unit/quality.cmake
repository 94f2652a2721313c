# Model-quality maths (src/core/quality); reference values from scikit-learn in
# tests/data/quality (make_fixtures.py).
mw_qt_test(tst_quality_metrics SOURCES tst_quality_metrics.cpp QualityFixture.h LABELS quality)
mw_qt_test(tst_quality_ranking SOURCES tst_quality_ranking.cpp QualityFixture.h LABELS quality)
mw_qt_test(tst_quality_feed SOURCES tst_quality_feed.cpp QualityFixture.h LABELS quality)
mw_qt_test(tst_quality_join SOURCES tst_quality_join.cpp QualityFixture.h LABELS quality)
