// One CSV line of the feed (grammar in FeedParser.h).

#include "quality/FeedFields.h"

namespace mw::quality::feed {

namespace {

/// Splits RFC 4180 fields; calls `onField(text, offset)` for each. Quoted
/// fields are unquoted into `buffer` (so the view stays valid until the next
/// field). Returns an error for a stray quote or an unterminated quoted field.
template<typename F>
std::optional<LineError> forEachField(std::string_view line, std::string &buffer, F &&onField)
{
    std::size_t i = 0;
    while (true) {
        const std::size_t start = i;
        std::string_view field;
        if (i < line.size() && line[i] == '"') {
            buffer.clear();
            ++i;
            while (true) {
                const std::size_t q = line.find('"', i);
                if (q == std::string_view::npos)
                    return LineError{start, "unterminated quoted field"};
                buffer.append(line.substr(i, q - i));
                i = q + 1;
                if (i < line.size() && line[i] == '"') {
                    buffer += '"';
                    ++i;
                    continue;
                }
                break;
            }
            if (i < line.size() && line[i] != ',')
                return LineError{i, "unexpected character after a quoted field"};
            field = buffer;
        } else {
            const std::size_t comma = line.find(',', i);
            const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
            field = line.substr(i, end - i);
            if (field.find('"') != std::string_view::npos)
                return LineError{i + field.find('"'), "quote inside an unquoted field"};
            i = end;
        }
        if (auto e = onField(field, start))
            return e;
        if (i >= line.size())
            return std::nullopt;
        ++i; // the comma
    }
}

std::optional<LineError> label(std::string_view field, std::size_t at, std::string &out, bool &present,
                               const FeedOptions &o)
{
    if (field.size() > o.maxFieldBytes)
        return LineError{at, "field longer than " + std::to_string(o.maxFieldBytes) + " bytes"};
    out.assign(field);
    present = !field.empty();
    return std::nullopt;
}

} // namespace

std::optional<LineError> parseCsvHeader(std::string_view line, CsvColumns &columns)
{
    columns.roles.clear();
    unsigned seen = 0;
    std::string buffer;
    auto e = forEachField(line, buffer, [&](std::string_view name, std::size_t at) -> std::optional<LineError> {
        using R = CsvColumns::Role;
        R role = name == "id" ? R::Id
               : name == "time" ? R::Time
               : name == "score" ? R::Score
               : name == "scores" ? R::Scores
               : name == "predicted" ? R::Predicted
               : name == "actual" ? R::Actual
               : R::Ignored;
        if (role != R::Ignored) {
            const unsigned bit = 1u << role;
            if (seen & bit)
                return LineError{at, "duplicate column \"" + std::string(name) + "\""};
            seen |= bit;
        }
        columns.roles.push_back(role);
        return std::nullopt;
    });
    if (e)
        return e;
    if (!(seen & (1u << CsvColumns::Id)) || !(seen & (1u << CsvColumns::Time)))
        return LineError{0, "CSV header needs an id and a time column"};
    return std::nullopt;
}

std::optional<LineError> parseCsvRecord(std::string_view line, const CsvColumns &columns, FeedRecord &r,
                                        std::vector<double> &scores, const FeedOptions &o)
{
    std::size_t column = 0;
    bool hasTime = false;
    std::string buffer;
    const std::size_t firstScore = scores.size();
    auto e = forEachField(line, buffer, [&](std::string_view f, std::size_t at) -> std::optional<LineError> {
        if (column >= columns.roles.size())
            return LineError{at, "more fields than the header has columns"};
        switch (columns.roles[column++]) {
        case CsvColumns::Ignored:
            break;
        case CsvColumns::Id: {
            bool present = false;
            return label(f, at, r.id, present, o);
        }
        case CsvColumns::Time: {
            if (f.empty())
                break;
            const auto num = parseCsvNumber(f);
            const auto ms = num ? secondsToMs(*num) : parseRfc3339Ms(f);
            if (!ms)
                return LineError{at, "time must be Unix seconds or an RFC 3339 date-time"};
            r.timeMs = *ms;
            hasTime = true;
            break;
        }
        case CsvColumns::Score:
            if (f.empty())
                break;
            if (const auto v = parseCsvNumber(f)) {
                r.score = *v;
                r.hasScore = true;
                break;
            }
            return LineError{at, "score is not a number"};
        case CsvColumns::Scores: {
            if (f.empty())
                break;
            std::size_t pos = 0;
            while (true) {
                const std::size_t semi = f.find(';', pos);
                const std::string_view item = f.substr(pos, semi == std::string_view::npos ? f.npos : semi - pos);
                if (scores.size() - firstScore >= o.maxScores)
                    return LineError{at + pos, "more than " + std::to_string(o.maxScores) + " scores"};
                const auto v = parseCsvNumber(item);
                if (!v)
                    return LineError{at + pos, "scores must be numbers separated by ';'"};
                scores.push_back(*v);
                if (semi == std::string_view::npos)
                    break;
                pos = semi + 1;
            }
            break;
        }
        case CsvColumns::Predicted:
            return label(f, at, r.predicted, r.hasPredicted, o);
        case CsvColumns::Actual:
            return label(f, at, r.actual, r.hasActual, o);
        }
        return std::nullopt;
    });
    if (e)
        return e;
    if (column < columns.roles.size())
        return LineError{line.size(), "fewer fields than the header has columns"};
    r.scoreBegin = static_cast<uint32_t>(firstScore);
    r.scoreCount = static_cast<uint32_t>(scores.size() - firstScore);
    return validateRecord(r, hasTime);
}

} // namespace mw::quality::feed
