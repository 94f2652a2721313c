# The Alertmanager API v2 client (alerts, silences, health) and the
# acknowledge-as-silence logic. Shares the Prometheus client's connection,
# credentials, transport error classification and retry policy.
list(APPEND MW_SOURCES_SOURCES
  alertmanager/AmLogging.h
  alertmanager/AmLogging.cpp
  alertmanager/AmTypes.h
  alertmanager/AmTypes.cpp
  alertmanager/AmDecoder.h
  alertmanager/AmDecoder.cpp
  alertmanager/AmRequestBuilder.h
  alertmanager/AmRequestBuilder.cpp
  alertmanager/AmReplyClassifier.h
  alertmanager/AmReplyClassifier.cpp
  alertmanager/AlertmanagerClient.h
  alertmanager/AlertmanagerClient.cpp
  alertmanager/AckSilencer.h
  alertmanager/AckSilencer.cpp
)
