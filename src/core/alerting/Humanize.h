#pragma once

#include <string>

namespace mw::alerting {

/// Prometheus' template functions (template/template.go), digit for digit, so
/// an annotation imported from a rule file reads the same as in Prometheus:
/// Go's "%.4g" (which C's "%.4g" matches), "NaN", "+Inf", "-Inf".
std::string formatG4(double v);
/// Go's %v for a float64: shortest digits that round-trip, exponent form
/// below 1e-4 and from 1e6 up; "NaN", "+Inf", "-Inf".
std::string formatGoFloat(double v);

/// SI prefixes: 1234567 → "1.235M", 0.0012 → "1.2m".
std::string humanize(double v);
/// Binary prefixes (Prometheus spells kibi "ki"): 2048 → "2ki".
std::string humanize1024(double v);
/// Seconds: 90061 → "1d 1h 1m 1s", 0.0123 → "12.3ms".
std::string humanizeDuration(double seconds);
/// A ratio: 0.4567 → "45.67%".
std::string humanizePercentage(double ratio);

} // namespace mw::alerting
