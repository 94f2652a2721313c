// Preset panels of the generic collectors: client libraries' process_*,
// go_* and python_* families, and node_exporter's node_*.

#include "PresetDefinitions.h"

namespace mw::presets::preset {

std::vector<PresetPanel> processPanels()
{
    return {
        panel("Resident memory (RSS)", Unit::Bytes, {{"process_resident_memory_bytes", "RSS"}},
              "The exporting process only (for vLLM: the API server, not the engine workers)."),
        panel("CPU", Unit::Cores, {{rate("process_cpu_seconds_total"), "CPU"}}, "User and system CPU time per second."),
        withThresholds(panel("Open file descriptors", Unit::Ratio, {{"process_open_fds / process_max_fds", "used"}},
                             "Share of the descriptor limit in use.", true),
                       0.8, 0.95),
    };
}

std::vector<PresetPanel> goPanels()
{
    return {
        panel("Goroutines", Unit::Count, {{"go_goroutines", "goroutines"}}, {}),
        panel("Go heap in use", Unit::Bytes, {{"go_memstats_heap_inuse_bytes", "heap in use"}}, {}),
        panel("GC pause (mean)", Unit::Seconds, {{ratioOfRates("go_gc_duration_seconds_sum", "go_gc_duration_seconds_count"), "mean"}},
              {}, true),
    };
}

std::vector<PresetPanel> pythonPanels()
{
    return {
        panel("Python GC collections/s", Unit::PerSecond,
              {{sumRate("python_gc_collections_total", "generation"), legend("generation", "generation")}}, {}),
    };
}

std::vector<PresetPanel> nodePanels()
{
    constexpr const char *kRealFs = "{fstype!~\"tmpfs|overlay|squashfs\"}";
    return {
        withThresholds(panel("Host CPU busy", Unit::Ratio,
                             {{"1 - avg(" + rate("node_cpu_seconds_total{mode=\"idle\"}") + ")", "busy"}},
                             "All CPUs, every mode but idle."),
                       0.8, 0.95),
        panel("Host memory", Unit::Bytes,
              {{"node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes", "used"},
               {"node_memory_MemTotal_bytes", "total"}},
              "Used = total - available."),
        panel("Load average", Unit::Count,
              {{"node_load1", "1m"}, {"node_load5", "5m"}, {"node_load15", "15m"}}, {}),
        withThresholds(panel("Filesystem used", Unit::Ratio,
                             {{"1 - node_filesystem_avail_bytes" + std::string(kRealFs) + " / node_filesystem_size_bytes"
                                   + kRealFs,
                               legend("", "mountpoint")}},
                             {}, true),
                       0.85, 0.95),
        panel("Network", Unit::BytesPerSecond,
              {{sumRate("node_network_receive_bytes_total{device!=\"lo\"}", "device"), legend("rx", "device")},
               {sumRate("node_network_transmit_bytes_total{device!=\"lo\"}", "device"), legend("tx", "device")}},
              {}, true),
    };
}

} // namespace mw::presets::preset
