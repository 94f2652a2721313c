# The KPI alert engine (src/core/alerting): state machine on a stepped clock,
# acknowledgements / snoozes / notifications / restore, templates, rule files
# (YAML) and the rules' JSON form.
mw_qt_test(tst_alert_engine SOURCES tst_alert_engine.cpp)
mw_qt_test(tst_alert_rule_routing SOURCES tst_alert_rule_routing.cpp)
mw_qt_test(tst_alert_ack SOURCES tst_alert_ack.cpp)
mw_qt_test(tst_alert_template SOURCES tst_alert_template.cpp)
mw_qt_test(tst_alert_rulefile SOURCES tst_alert_rulefile.cpp)
mw_qt_test(tst_alert_rule_json SOURCES tst_alert_rule_json.cpp)
mw_qt_test(tst_alert_state_json SOURCES tst_alert_state_json.cpp)
