#pragma once

// Loads the scikit-learn reference files written by
// tests/data/quality/make_fixtures.py (NaN is null there, infinity "inf").

#include <QFile>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <vector>

namespace mwtest {

inline QString qualityDataPath(const QString &name)
{
    return QStringLiteral(MW_TEST_DATA_DIR "/quality/") + name;
}

inline nlohmann::json loadQualityFixture(const QString &name)
{
    QFile f(qualityDataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    return nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
}

inline double num(const nlohmann::json &v)
{
    if (v.is_null())
        return std::numeric_limits<double>::quiet_NaN();
    if (v.is_string())
        return v.get<std::string>() == "inf" ? std::numeric_limits<double>::infinity()
                                             : -std::numeric_limits<double>::infinity();
    return v.get<double>();
}

inline std::vector<double> nums(const nlohmann::json &v)
{
    std::vector<double> out;
    for (const auto &x : v)
        out.push_back(num(x));
    return out;
}

/// Equal to `tol` (absolute), NaN equal to NaN.
inline bool close(double a, double b, double tol = 1e-12)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b))
        return a == b;
    return std::fabs(a - b) <= tol;
}

inline QStringList binaryFixtures()
{
    return {QStringLiteral("random_binary.json"), QStringLiteral("ties_binary.json"),
            QStringLiteral("large_ties_binary.json"), QStringLiteral("one_class.json"),
            QStringLiteral("no_positives.json"), QStringLiteral("all_predicted_negative.json"),
            QStringLiteral("nan_scores.json")};
}

inline QStringList multiclassFixtures()
{
    return {QStringLiteral("multiclass_3.json"), QStringLiteral("multiclass_4.json"),
            QStringLiteral("multiclass_4_absent.json")};
}

} // namespace mwtest
