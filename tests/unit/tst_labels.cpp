// SymbolTable, Labels and LabelSet.
#include "store/LabelSet.h"
#include "store/Labels.h"
#include "store/SymbolTable.h"

#include <QTest>

#include <string>

using namespace mw;

class TestLabels : public QObject
{
    Q_OBJECT

private slots:
    void internGivesStableIdsAndViews();
    void releaseFreesAndRecyclesIds();
    void labelsSortedDeduplicatedAndEmptyDropped();
    void toStringEscapes_data();
    void toStringEscapes();
    void labelSetEqualityAndHash();
};

void TestLabels::internGivesStableIdsAndViews()
{
    SymbolTable t;
    const uint32_t a = t.intern("model");
    const std::string_view va = t.view(a);
    const char *where = va.data();
    for (int i = 0; i < 10000; ++i)
        t.intern("value_" + std::to_string(i)); // forces the tables to grow
    QCOMPARE(t.intern("model"), a);
    QVERIFY(t.view(a).data() == where); // the view did not move (pointer identity)
    QCOMPARE(t.view(a), std::string_view("model"));
    QCOMPARE(t.refCount(a), 2u);
    QCOMPARE(t.find("value_42"), t.intern("value_42"));
    QCOMPARE(t.find("absent"), SymbolTable::kInvalid);
    QCOMPARE(t.size(), std::size_t(10001));
    QVERIFY(t.bytes() > 10000 * 8);
    const uint32_t e = t.intern("");
    QCOMPARE(t.view(e), std::string_view());
}

void TestLabels::releaseFreesAndRecyclesIds()
{
    SymbolTable t;
    const uint32_t a = t.intern("a");
    const uint32_t b = t.intern("b");
    t.retain(a);
    t.release(a);
    QCOMPARE(t.find("a"), a); // one reference left
    const std::size_t before = t.bytes();
    t.release(a);
    QCOMPARE(t.find("a"), SymbolTable::kInvalid);
    QVERIFY(t.bytes() < before);
    QCOMPARE(t.size(), std::size_t(1));
    const uint32_t c = t.intern("c");
    QCOMPARE(c, a); // recycled only after the last reference went
    QCOMPARE(t.view(c), std::string_view("c"));
    QCOMPARE(t.view(b), std::string_view("b"));
}

void TestLabels::labelsSortedDeduplicatedAndEmptyDropped()
{
    const Labels l{{"zone", "eu"}, {"__name__", "up"}, {"app", "x"}, {"app", "y"}, {"gone", ""}};
    QCOMPARE(l.size(), std::size_t(3));
    QCOMPARE(l.pairs()[0].name, std::string("__name__"));
    QCOMPARE(l.pairs()[1].name, std::string("app"));
    QCOMPARE(l.pairs()[1].value, std::string("y"));
    QCOMPARE(l.pairs()[2].name, std::string("zone"));
    QCOMPARE(l.metricName(), std::string_view("up"));
    QVERIFY(!l.get("gone").has_value());
    const Labels same{{"app", "y"}, {"zone", "eu"}, {"__name__", "up"}};
    QVERIFY(l == same);
    QCOMPARE(l.hash(), same.hash());
    Labels other = same;
    other.set("zone", "us");
    QVERIFY(!(l == other));
    QVERIFY(l.hash() != other.hash());
    other.set("zone", "");
    QCOMPARE(other.size(), std::size_t(2));
}

void TestLabels::toStringEscapes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"up"_qs << u"job"_qs << u"node"_qs << uR"(up{job="node"})"_qs;
    QTest::newRow("quote") << u"up"_qs << u"path"_qs << uR"(a"b)"_qs << uR"(up{path="a\"b"})"_qs;
    QTest::newRow("backslash") << u"up"_qs << u"path"_qs << uR"(C:\x)"_qs << uR"(up{path="C:\\x"})"_qs;
    QTest::newRow("newline") << u"up"_qs << u"msg"_qs << u"a\nb"_qs << uR"(up{msg="a\nb"})"_qs;
    QTest::newRow("control") << u"up"_qs << u"msg"_qs << QString(QChar(0x01)) << uR"(up{msg="\x01"})"_qs;
    QTest::newRow("utf8 kept") << u"up"_qs << u"city"_qs << u"Zürich"_qs << uR"(up{city="Zürich"})"_qs;
    QTest::newRow("no labels") << u"up"_qs << QString() << QString() << u"up"_qs;
    QTest::newRow("no name") << QString() << u"a"_qs << u"b"_qs << uR"({a="b"})"_qs;
}

void TestLabels::toStringEscapes()
{
    QFETCH(QString, name);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const std::string n = name.toStdString(), k = key.toStdString(), v = value.toStdString();
    Labels l;
    l.set("__name__", n);
    if (!k.empty())
        l.set(k, v);
    QCOMPARE(QString::fromStdString(l.toString()), expected);
}

void TestLabels::labelSetEqualityAndHash()
{
    SymbolTable t;
    auto make = [&](std::string_view job, std::string_view inst) {
        return LabelSet(&t, {{t.intern("__name__"), t.intern("up")},
                             {t.intern("instance"), t.intern(inst)},
                             {t.intern("job"), t.intern(job)}});
    };
    const LabelSet a = make("node", "h:9100");
    const LabelSet b = make("node", "h:9100");
    const LabelSet c = make("node", "h:9101");
    QVERIFY(a == b);
    QCOMPARE(a.hash(), b.hash());
    QVERIFY(!(a == c));
    QVERIFY(a.hash() != c.hash());
    QCOMPARE(QString::fromStdString(a.toString()), uR"(up{instance="h:9100", job="node"})"_qs);
    QCOMPARE(a.metricName(), std::string_view("up"));
    QCOMPARE(a.value("job").value(), std::string_view("node"));
    QVERIFY(!a.value("zone").has_value());
    QCOMPARE(a.valueId(t.find("job")), t.find("node"));
    const Labels owned = c.toLabels();
    QCOMPARE(owned.get("instance").value(), std::string_view("h:9101"));
    QCOMPARE(owned.size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(TestLabels)
#include "tst_labels.moc"
