#include "TestPayloads.h"

#include <QFile>

namespace mw::test {

std::string readTestFile(const QString &relative)
{
    QFile f(QStringLiteral(MW_TEST_DATA_DIR "/") + relative);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray data = f.readAll();
    return std::string(data.constData(), static_cast<size_t>(data.size()));
}

std::unique_ptr<OwnedParse> parseTestFile(const QString &relative, expo::Format format)
{
    auto owned = std::make_unique<OwnedParse>();
    owned->bytes = readTestFile(relative);
    owned->result = expo::parse(owned->bytes, format);
    return owned;
}

const expo::MetricFamily *findFamily(const expo::ParseResult &r, std::string_view name)
{
    for (const auto &f : r.families)
        if (f.name == name)
            return &f;
    return nullptr;
}

const expo::Sample *findSample(const expo::ParseResult &r, std::string_view sampleName,
                               std::initializer_list<std::pair<std::string_view, std::string_view>> labels)
{
    for (const auto &s : r.samples) {
        if (s.name != sampleName)
            continue;
        bool all = true;
        for (const auto &[k, v] : labels) {
            const auto value = r.labelValue(s, k);
            if (!value || *value != v) {
                all = false;
                break;
            }
        }
        if (all)
            return &s;
    }
    return nullptr;
}

} // namespace mw::test
