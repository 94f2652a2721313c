mw_qt_test(tst_xorchunk SOURCES tst_xorchunk.cpp LABELS store)
mw_qt_test(tst_labels SOURCES tst_labels.cpp LABELS store)
mw_qt_test(tst_seriesstore SOURCES tst_seriesstore.cpp LABELS store)
