#pragma once

// The dashboard tests' round trip: a document written as text and read back
// is equal as a value, with no warnings, at the current schema version, and
// writes the same bytes again.

#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentJson.h"

#include <QString>
#include <QTest>

namespace mw::test {

/// Fails the current test (QVERIFY/QCOMPARE) when `document` does not survive
/// writing and reading exactly; callers return when QTest::currentTestFailed().
inline void checkRoundTrip(const dashboard::Document &document)
{
    const std::string text = dashboard::documentToText(document);
    const dashboard::ReadResult r = dashboard::DashboardFile::parse(text);
    QVERIFY2(r.document, r.error ? r.error->toString().c_str() : "");
    QVERIFY(r.warnings.empty());
    QCOMPARE(r.fromVersion, dashboard::Document::kSchemaVersion);
    QVERIFY(*r.document == document);
    QCOMPARE(QString::fromStdString(dashboard::documentToText(*r.document)), QString::fromStdString(text));
}

} // namespace mw::test
