#pragma once

// Waiting for one answer of a SourceBackend in a test: bounded polling of the
// event loop (QTest::qWaitFor), never a sleep of guessed length.

#include "SourceBackend.h"

#include <QTest>

#include <cmath>

#include <optional>

namespace mw::test {

/// The answer `signal` brings for request `id`, or nullopt after `timeoutMs`.
template<typename Answer>
std::optional<Answer> waitAnswer(view::SourceBackend &backend, void (view::SourceBackend::*signal)(quint64, const Answer &),
                                 quint64 id, int timeoutMs)
{
    std::optional<Answer> out;
    const QMetaObject::Connection c = QObject::connect(&backend, signal, &backend, [&out, id](quint64 got, const Answer &answer) {
        if (got == id)
            out = answer;
    });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        qWarning("no answer to request %llu within %d ms", static_cast<unsigned long long>(id), timeoutMs);
    QObject::disconnect(c);
    return out;
}

inline std::optional<view::RangeAnswer> waitRange(view::SourceBackend &backend, quint64 id, int timeoutMs = 15'000)
{
    return waitAnswer(backend, &view::SourceBackend::rangeFinished, id, timeoutMs);
}

inline std::optional<view::NamesAnswer> waitNames(view::SourceBackend &backend, quint64 id, int timeoutMs = 15'000)
{
    return waitAnswer(backend, &view::SourceBackend::namesFinished, id, timeoutMs);
}

/// Finite values in an answer.
inline int finiteValues(const view::RangeAnswer &answer)
{
    int n = 0;
    for (const view::AnswerSeries &s : answer.series)
        for (const Point &p : *s.points)
            n += std::isfinite(p.v) ? 1 : 0;
    return n;
}

} // namespace mw::test
