// VariableCheck without widgets: names (syntax, uniqueness), query and
// custom variables' required parts, options typed one per line or
// comma-separated, the selection fitted to a changed definition, and names
// for new variables.

#include "VariableCheck.h"

#include <QTest>

using namespace mw;
using namespace mw::variablesui;
using dashboard::Variable;
using dashboard::VariableKind;

namespace {

Variable queryVar(std::string name, std::string query = "label_values(up, job)")
{
    Variable v;
    v.name = std::move(name);
    v.kind = VariableKind::Query;
    v.query = std::move(query);
    return v;
}

Variable customVar(std::string name, std::vector<std::string> options)
{
    Variable v;
    v.name = std::move(name);
    v.kind = VariableKind::Custom;
    v.options = std::move(options);
    return v;
}

using Strings = std::vector<std::string>;

} // namespace

Q_DECLARE_METATYPE(Strings)

class TestVariablesCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << "model" << true;
        QTest::newRow("underscore first") << "_x1" << true;
        QTest::newRow("digits") << "a123" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("digit first") << "1model" << false;
        QTest::newRow("dash") << "model-name" << false;
        QTest::newRow("space") << "my model" << false;
        QTest::newRow("dollar") << "$model" << false;
        QTest::newRow("non-ascii") << QString::fromUtf8("mödel") << false;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QCOMPARE(VariableCheck::isName(name.toStdString()), ok);
        const VariableProblems p = VariableCheck::check({queryVar(name.toStdString())}, 0);
        QCOMPARE(p.of(VariableField::Name).isEmpty(), ok);
    }

    void duplicateNamesAreMarkedOnBoth()
    {
        const std::vector<Variable> vars{queryVar("model"), customVar("model", {"a"}), queryVar("job")};
        QVERIFY(VariableCheck::check(vars, 0).of(VariableField::Name).contains(QStringLiteral("model")));
        QVERIFY(!VariableCheck::check(vars, 1).of(VariableField::Name).isEmpty());
        QVERIFY(VariableCheck::check(vars, 2).ok());
    }

    void queries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("ok");
        QTest::newRow("metric and label") << "label_values(:tensorflow:serving:request_count, model_name)" << true;
        QTest::newRow("label only") << "label_values(job)" << true;
        QTest::newRow("spaces") << "  label_values( up , job )  " << true;
        QTest::newRow("selector") << "label_values(up{env=\"prod\"}, job)" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("blank") << "   " << false;
        QTest::newRow("promql") << "sum(rate(up[5m]))" << false;
        QTest::newRow("unclosed") << "label_values(up, job" << false;
        QTest::newRow("no label") << "label_values()" << false;
    }
    void queries()
    {
        QFETCH(QString, query);
        QFETCH(bool, ok);
        const VariableProblems p = VariableCheck::check({queryVar("v", query.toStdString())}, 0);
        QCOMPARE(p.ok(), ok);
        QCOMPARE(p.of(VariableField::Query).isEmpty(), ok);
    }

    void customNeedsAnOption()
    {
        QVERIFY(!VariableCheck::check({customVar("env", {})}, 0).of(VariableField::Options).isEmpty());
        QVERIFY(VariableCheck::check({customVar("env", {"prod"})}, 0).ok());
        // A custom variable's (left-over) query is not checked.
        Variable v = customVar("env", {"prod"});
        v.query = "nonsense";
        QVERIFY(VariableCheck::check({v}, 0).ok());
    }

    void summaryIsTheFirstProblem()
    {
        const VariableProblems p = VariableCheck::check({queryVar("1x", "")}, 0);
        QCOMPARE(p.problems.size(), std::size_t(2));
        QCOMPARE(p.summary(), p.of(VariableField::Name));
        QVERIFY(VariableCheck::check({queryVar("x")}, 5).ok()); // out of range: nothing to say
    }

    void options_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Strings>("options");
        QTest::newRow("lines") << "eu\nus\nasia" << Strings{"eu", "us", "asia"};
        QTest::newRow("commas") << "eu, us,asia" << Strings{"eu", "us", "asia"};
        QTest::newRow("mixed, blanks, CRLF") << " eu ,\r\n\n us\n, asia,\n" << Strings{"eu", "us", "asia"};
        QTest::newRow("repeats") << "a\nb\na" << Strings{"a", "b"};
        QTest::newRow("inner spaces kept") << "us east\nus west" << Strings{"us east", "us west"};
        QTest::newRow("empty") << "" << Strings{};
        QTest::newRow("only separators") << " , \n ," << Strings{};
    }
    void options()
    {
        QFETCH(QString, text);
        QFETCH(Strings, options);
        QCOMPARE(VariableCheck::parseOptions(text), options);
        // What the editor shows reads back the same.
        QCOMPARE(VariableCheck::parseOptions(VariableCheck::optionsText(options)), options);
    }

    void fitSelection()
    {
        Variable c = customVar("env", {"eu", "us", "asia"});
        // Nothing selected: the first option, or All when offered.
        QCOMPARE(VariableCheck::fitSelection(c, {}), (Strings{"eu"}));
        c.includeAll = true;
        QCOMPARE(VariableCheck::fitSelection(c, {}), (Strings{"$__all"}));
        QCOMPARE(VariableCheck::fitSelection(c, {"$__all"}), (Strings{"$__all"}));
        c.includeAll = false;
        QCOMPARE(VariableCheck::fitSelection(c, {"$__all"}), (Strings{"eu"}));
        // Values no longer offered go; one value unless multi.
        QCOMPARE(VariableCheck::fitSelection(c, {"gone", "us"}), (Strings{"us"}));
        QCOMPARE(VariableCheck::fitSelection(c, {"us", "asia"}), (Strings{"us"}));
        c.multi = true;
        QCOMPARE(VariableCheck::fitSelection(c, {"us", "asia"}), (Strings{"us", "asia"}));

        // A query variable's values are the source's: kept, except All and the count.
        Variable q = queryVar("model");
        QCOMPARE(VariableCheck::fitSelection(q, {"resnet"}), (Strings{"resnet"}));
        QCOMPARE(VariableCheck::fitSelection(q, {}), Strings{});
        QCOMPARE(VariableCheck::fitSelection(q, {"$__all"}), Strings{});
        QCOMPARE(VariableCheck::fitSelection(q, {"a", "b"}), (Strings{"a"}));
        q.includeAll = true;
        q.multi = true;
        QCOMPARE(VariableCheck::fitSelection(q, {"$__all"}), (Strings{"$__all"}));
        QCOMPARE(VariableCheck::fitSelection(q, {"a", "b"}), (Strings{"a", "b"}));
    }

    void uniqueNames()
    {
        QCOMPARE(VariableCheck::uniqueName("var", {}), std::string("var"));
        QCOMPARE(VariableCheck::uniqueName("var", {queryVar("var")}), std::string("var2"));
        QCOMPARE(VariableCheck::uniqueName("var", {queryVar("var"), queryVar("var2")}), std::string("var3"));
        QCOMPARE(VariableCheck::uniqueName("model", {queryVar("var")}), std::string("model"));
    }
};

QTEST_GUILESS_MAIN(TestVariablesCheck)
#include "tst_variables_check.moc"
