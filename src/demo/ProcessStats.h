#pragma once

#include <cstdint>
#include <optional>

namespace mw::demo {

/// What the process_* series report, read from /proc/self (Linux). The same
/// quantities Prometheus' client libraries export as process_resident_memory_bytes,
/// process_virtual_memory_bytes, process_cpu_seconds_total,
/// process_start_time_seconds and process_open_fds.
struct ProcessStats
{
    double residentBytes = 0.0;
    double virtualBytes = 0.0;
    double cpuSeconds = 0.0;
    double startTimeSeconds = 0.0; ///< since the Unix epoch
    double openFds = 0.0;

    /// Reads the current values; nullopt when /proc is not readable.
    static std::optional<ProcessStats> read();
};

} // namespace mw::demo
